<#-- Keycloak's locked e-mail above a step ("signing in as", with the restart button), as keycloak.v2 draws it, but
     with its label tied to the box: Keycloak's label points to a "username" field the page does not have, so screen
     readers met an unnamed box. Importing this file replaces the layout's username macro for the whole page. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#macro lockedUsername>
    <#assign label>
        <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
    </#assign>
    <@field.group name="kc-attempted-username" label=label>
        <div class="${properties.kcInputGroup}">
            <div class="${properties.kcInputGroupItemClass} ${properties.kcFill}">
                <span class="${properties.kcInputClass} ${properties.kcFormReadOnlyClass}">
                    <input id="kc-attempted-username" value="${auth.attemptedUsername}" readonly>
                </span>
            </div>
            <div class="${properties.kcInputGroupItemClass}">
                <button id="reset-login" class="${properties.kcFormPasswordVisibilityButtonClass} kc-login-tooltip" type="button"
                        aria-label="${msg('restartLoginTooltip')}" onclick="location.href='${url.loginRestartFlowUrl}'">
                    <i class="fa-sync-alt fas" aria-hidden="true"></i>
                    <span class="kc-tooltip-text">${msg("restartLoginTooltip")}</span>
                </button>
            </div>
        </div>
    </@field.group>
</#macro>
<#assign username = lockedUsername in layout>
