<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- After "Küldés": the same words whether or not the address has an account, so the page reveals nothing. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("passwordLink.sentTitle")}
    <#elseif section = "form">
        <div id="ugyfelportal-link-sent" role="status" aria-live="polite">
            <p>${msg("passwordLink.sent", enteredEmail!'')}</p>
            <p>${msg("passwordLink.sentOnce")}</p>
            <p>${msg("passwordLink.sentSpam")}</p>
        </div>
        <@buttons.actionGroup>
            <@buttons.buttonLink id="kc-back-to-login" href=url.loginUrl label="passwordLink.backToLogin"/>
        </@buttons.actionGroup>
    </#if>
</@layout.registrationLayout>
