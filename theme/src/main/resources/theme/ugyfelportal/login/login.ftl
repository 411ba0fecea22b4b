<#import "template.ftl" as layout>
<#import "ugyfelportal-locked-username.ftl" as lockedUsername>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- Username (the contract e-mail) and password; submitting asks for the e-mailed code. -->
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=!usernameHidden??; section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
            <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
                  action="${url.loginAction}" method="post" novalidate="novalidate">
                <#if !usernameHidden??>
                    <@field.input name="username" label=msg("login.username") value=login.username!''
                        error=messagesPerField.getFirstError('username','password') autofocus=true autocomplete="username" />
                </#if>
                <@field.password name="password" label=msg("password") error=(usernameHidden??)?then(messagesPerField.getFirstError('username','password'), "")
                    autofocus=usernameHidden?? autocomplete="current-password" />
                <#-- Our own "Elfelejtette a jelszavát?" link: it names its page, since registration shares the flow. -->
                <#if realm.resetPasswordAllowed>
                    <p class="ugyfelportal-forgot-password">
                        <a id="ugyfelportal-forgot-password-link" href="${url.loginResetCredentialsUrl}&purpose=reset">${msg("doForgotPassword")}</a>
                    </p>
                </#if>
                <@buttons.actionGroup>
                    <@buttons.button id="kc-login" name="login" label="login.requestCode" />
                </@buttons.actionGroup>
            </form>
        </div>
    <#elseif section = "socialProviders">
        <#if social.providers?? && social.providers?has_content>
            <#-- The button says what it does ("Bejelentkezés DÁP-pal", from the messages, so it follows the page's
                 language); the provider's display name stays a plain name ("DÁP") for the account console. -->
            <div class="${properties.kcLoginMainFooterBand!}">
                <span class="${properties.kcLoginMainFooterBandItem!} ${properties.kcLoginMainFooterHelperText!}">${msg("identity-provider-login-label")}</span>
            </div>
            <div id="kc-social-providers" class="${properties.kcFormSocialAccountSectionClass!}">
                <ul class="${properties.kcFormSocialAccountListClass!}">
                    <#list social.providers as p>
                        <#assign labelKey = "identityProviderLogin." + p.alias>
                        <#assign label = msg(labelKey)>
                        <#if label == labelKey><#assign label = p.displayName></#if>
                        <li class="${properties.kcFormSocialAccountListItemClass!}">
                            <a id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!}"
                               href="${p.loginUrl}"><span class="${properties.kcFormSocialAccountNameClass!}"><#-- A word never breaks at its hyphen („DÁP-pal”), the label still wraps between words. --><#list label?split(" ") as word><#if word?contains("-")><span class="ugyfelportal-nowrap">${word}</span><#else>${word}</#if><#sep> </#list></span></a>
                        </li>
                    </#list>
                </ul>
            </div>
        </#if>
    <#elseif section = "info">
        <div id="kc-registration">
            <span>${msg("login.usernameForgotten")}</span>
            <p>${msg("registration.notYetRegistered")}
                <a id="ugyfelportal-registration-link" href="${url.loginResetCredentialsUrl}&purpose=registration">${msg("registration.link")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
