<#import "template.ftl" as layout>
<#import "ugyfelportal-link-request.ftl" as linkRequest>
<#-- "Regisztrációs oldal": claims a provisioned account (no password yet) with a single-use link. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("registration.title")}
    <#elseif section = "form">
        <@linkRequest.form id="kc-registration-form" prefix="registration">
            <#if answer = "ALREADY_REGISTERED">
                <p id="ugyfelportal-answer-title"><strong>${msg("registration.alreadyRegistered")}</strong></p>
                <p>${msg("registration.alreadyRegisteredHelp")}
                    <a id="ugyfelportal-forgot-password-link" href="${url.loginResetCredentialsUrl}&purpose=reset">${msg("doForgotPassword")}</a></p>
            <#else>
                <p id="ugyfelportal-answer-title"><strong>${msg("registration.unknownEmail")}</strong></p>
                <p>${msg("registration.unknownEmailHelp")}</p>
            </#if>
        </@linkRequest.form>
    </#if>
</@layout.registrationLayout>
