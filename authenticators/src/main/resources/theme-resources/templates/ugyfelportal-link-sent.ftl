<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- After "Küldés": the same words whether or not the address has an account, so the page reveals nothing. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("passwordLink.sentTitle")}
    <#elseif section = "form">
        <div id="ugyfelportal-link-sent" role="status" aria-live="polite">
            <#-- A request inside the address's limits: told as such, in words that fit an address without an account. -->
            <#if linkRefusal?? && linkRefusal == "cooldown">
                <p id="ugyfelportal-link-wait">${msg("passwordLink.sentRecently", enteredEmail!'', retryAfterSeconds)}</p>
            <#elseif linkRefusal??>
                <p id="ugyfelportal-link-wait">${msg("passwordLink.sentTooOften", enteredEmail!'')}</p>
            <#else>
                <p>${msg("passwordLink.sent", enteredEmail!'')}</p>
            </#if>
            <p>${msg("passwordLink.sentOnce")}</p>
            <p>${msg("passwordLink.sentSpam")}</p>
        </div>
        <@buttons.actionGroup>
            <@buttons.buttonLink id="kc-back-to-login" href=url.loginUrl label="passwordLink.backToLogin"/>
        </@buttons.actionGroup>
    </#if>
</@layout.registrationLayout>
