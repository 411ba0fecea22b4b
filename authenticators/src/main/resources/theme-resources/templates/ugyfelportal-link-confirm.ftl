<#import "template.ftl" as layout>
<#import "ugyfelportal-locked-username.ftl" as lockedUsername>
<#import "buttons.ftl" as buttons>
<#-- The page an e-mailed link opens. Only the POST of "Kérem a kódot" goes on, so a mail scanner's GET uses nothing up. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg(registration?then("registration.title", "passwordLink.confirmTitle"))}
    <#elseif section = "form">
        <p id="ugyfelportal-link-confirm-intro">${msg("passwordLink.confirmIntro", linkEmail!'')}</p>
        <p>${msg("passwordLink.sentOnce")}</p>
        <form id="kc-link-confirm-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <@buttons.button id="kc-request-code" name="confirm" label="login.requestCode"/>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
