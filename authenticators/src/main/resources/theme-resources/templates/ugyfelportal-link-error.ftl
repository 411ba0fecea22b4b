<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "ugyfelportal-steps.ftl" as steps>
<#-- A used or expired link: „Regisztrációs hiba!” with the FAQ's explanation and a way to start again. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("passwordLink.errorTitle")}
    <#elseif section = "form">
        <@steps.styles/>
        <div id="ugyfelportal-link-error" class="ugyfelportal-answer" role="alert" aria-live="assertive">
            <p>${msg("passwordLink.errorHelp")}</p>
            <p>${msg("passwordLink.errorOnce")}</p>
        </div>
        <@buttons.actionGroup>
            <@buttons.buttonLink id="kc-restart-reset" href=url.loginResetCredentialsUrl + "&purpose=reset" label="passwordLink.restart"/>
        </@buttons.actionGroup>
    </#if>
</@layout.registrationLayout>
