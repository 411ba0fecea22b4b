<#import "template.ftl" as layout>
<#import "ugyfelportal-link-request.ftl" as linkRequest>
<#-- "Elfelejtett jelszó": the contract e-mail, then a single-use link to set a new password. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("forgotPassword.title")}
    <#elseif section = "form">
        <@linkRequest.form id="kc-reset-password-form" prefix="forgotPassword">
            <p id="ugyfelportal-answer-title"><strong>${msg("forgotPassword.unknownEmail")}</strong></p>
            <p>${msg("forgotPassword.unknownEmailHelp")}
                <a id="ugyfelportal-registration-link" href="${url.loginResetCredentialsUrl}&purpose=registration">${msg("registration.link")}</a></p>
        </@linkRequest.form>
    </#if>
</@layout.registrationLayout>
