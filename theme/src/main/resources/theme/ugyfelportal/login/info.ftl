<#import "template.ftl" as layout>
<#-- Keycloak's info page (base/login/info.ftl) in the portal's words: the header names the page instead of
     repeating the message (the logout said „Sikeres kilépés.” twice), and a page with no application to go back to
     offers the way back to the login: the account console ("Profil"), which begins with it. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>
            ${kcSanitize(msg("${messageHeader}"))?no_esc}
        <#else>
            ${msg("infoTitle")}
        </#if>
    <#elseif section = "form">
    <div id="kc-info-message">
        <p class="instruction">${message.summary}<#if requiredActions??><#list requiredActions>: <b><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></b></#list><#else></#if></p>
        <#if !skipLink?? && pageRedirectUri?has_content>
            <p><a id="backToApplication" href="${pageRedirectUri}">${msg("backToApplication")}</a></p>
        <#elseif !skipLink?? && actionUri?has_content>
            <p><a id="proceedWithAction" href="${actionUri}">${msg("proceedWithAction")}</a></p>
        <#elseif !skipLink?? && (client.baseUrl)?has_content>
            <p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
        <#else>
            <p><a id="ugyfelportal-back-to-login" href="${url.loginRestartFlowUrl?keep_before("/login-actions/")}/account/">${msg("backToLogin")}</a></p>
        </#if>
    </div>
    </#if>
</@layout.registrationLayout>
