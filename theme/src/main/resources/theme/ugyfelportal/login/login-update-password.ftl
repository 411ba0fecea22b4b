<#import "template.ftl" as layout>
<#import "password-commons.ftl" as passwordCommons>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "password-validation.ftl" as validator>
<#-- Setting the password after a registration or reset link; the realm's password policy is spelled out first. -->
<#-- Keycloak hands the page its instruction as a warning; it is no warning, so it stands as the page's first line. -->
<#assign instruction = (message?has_content && message.type == 'warning')>
<@layout.registrationLayout displayMessage=!instruction && !messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <#if instruction>
            <p id="ugyfelportal-password-instruction" class="ugyfelportal-hint">${kcSanitize(message.summary)?no_esc}</p>
        </#if>
        <div id="ugyfelportal-password-rules">
            <p>${msg("passwordLink.policyTitle")}</p>
            <ul>
                <#if passwordPolicies?? && passwordPolicies.length??><li>${msg("passwordLink.policyLength", passwordPolicies.length)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.maxLength??><li>${msg("passwordLink.policyMaxLength", passwordPolicies.maxLength)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.digits??><li>${msg("passwordLink.policyDigits", passwordPolicies.digits)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.lowerCase??><li>${msg("passwordLink.policyLowerCase", passwordPolicies.lowerCase)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.upperCase??><li>${msg("passwordLink.policyUpperCase", passwordPolicies.upperCase)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.specialChars??><li>${msg("passwordLink.policySpecialChars", passwordPolicies.specialChars)}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.notUsername><li>${msg("passwordLink.policyNotUsername")}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.notEmail><li>${msg("passwordLink.policyNotEmail")}</li></#if>
                <#if passwordPolicies?? && passwordPolicies.passwordHistory??><li>${msg("passwordLink.policyHistory", passwordPolicies.passwordHistory)}</li></#if>
            </ul>
        </div>
        <form id="kc-passwd-update-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />
            <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />

            <div class="${properties.kcFormGroupClass}">
                <@passwordCommons.logoutOtherSessions/>
            </div>

            <@buttons.actionGroup horizontal=true>
                <#if isAppInitiatedAction??>
                    <@buttons.button id="kc-submit" name="login" label="doSubmit"/>
                    <@buttons.button id="kc-cancel" label="doCancel" name="cancel-aia" type="secondary"/>
                <#else>
                    <@buttons.button id="kc-submit" name="login" label="doSubmit"/>
                </#if>
            </@buttons.actionGroup>
        </form>

        <@validator.templates/>
        <@validator.script field="password-new"/>
    </#if>
</@layout.registrationLayout>
