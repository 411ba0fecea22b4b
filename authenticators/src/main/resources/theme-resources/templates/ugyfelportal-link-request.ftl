<#-- The e-mail form shared by "Regisztrációs oldal" and "Elfelejtett jelszó", with the page's own answer. -->
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "ugyfelportal-steps.ftl" as steps>
<#macro form id prefix>
    <@steps.styles/>
    <#if message?has_content && message.type = 'error'>
        <div id="ugyfelportal-link-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert" aria-live="assertive">
            <span class="${properties.kcAlertTitleClass!}">${message.summary}</span>
        </div>
    </#if>
    <#if answer??>
        <div id="ugyfelportal-link-answer" class="ugyfelportal-answer" role="alert" aria-live="assertive">
            <#nested>
        </div>
    </#if>
    <p class="ugyfelportal-hint">${msg(prefix + ".intro")}</p>
    <form id="${id}" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
        <@field.input name="email" label=msg("passwordLink.email") value=enteredEmail!'' autofocus=true autocomplete="email" />
        <@buttons.actionGroup>
            <@buttons.button id="kc-send" name="send" label="passwordLink.send"/>
            <@buttons.buttonLink id="kc-back-to-login" href=url.loginUrl label="passwordLink.backToLogin"/>
        </@buttons.actionGroup>
    </form>
</#macro>
