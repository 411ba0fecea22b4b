<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- Keycloak's page for a step that is no longer current (the Back button, a second window), in the portal's
     words: Keycloak's own sentence ends in a bare „Kattintson ide .” link. -->
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("pageExpiredTitle")}
    <#elseif section = "form">
        <p id="instruction1" class="instruction">${msg("pageExpired.intro")}</p>
        <@buttons.actionGroup>
            <@buttons.buttonLink id="loginContinueLink" href=url.loginAction label="pageExpired.continue"
                class=["kcButtonPrimaryClass", "kcButtonBlockClass"]/>
            <@buttons.buttonLink id="loginRestartLink" href=url.loginRestartFlowUrl label="emailCode.restart"/>
        </@buttons.actionGroup>
    </#if>
</@layout.registrationLayout>
