<#import "template.ftl" as layout>
<#import "ugyfelportal-locked-username.ftl" as lockedUsername>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "ugyfelportal-steps.ftl" as steps>
<#-- The e-mailed code ("Kapott kód"): notice that the code went out, the code field, a new code, back to the start,
     and the FAQ's help when no e-mail arrives. Errors are rendered here (not by the layout) to announce them.
     emailCode.keySuffix picks the words of the step the code is for: none for a login (the FAQ's words),
     ".registration" or ".reset" in the reset-credentials flow. -->
<@layout.registrationLayout displayMessage=false displayInfo=true; section>
    <#if section = "header">
        ${msg("emailCode.title" + emailCode.keySuffix)}
    <#elseif section = "form">
        <@steps.styles/>
        <div id="kc-email-code">
            <#if emailCode.notice?has_content>
                <div id="email-code-notice" class="${properties.kcAlertClass!} pf-m-info" role="status" aria-live="polite">
                    <div class="${properties.kcAlertIconClass!}"><span class="${properties.kcFeedbackInfoIcon!}"></span></div>
                    <span class="${properties.kcAlertTitleClass!}">${msg((emailCode.notice == "emailCode.sent")?then(emailCode.notice + emailCode.keySuffix, emailCode.notice), emailCode.email)}</span>
                </div>
            </#if>
            <div id="email-code-messages" aria-live="assertive">
                <#if message?has_content && message.type = 'error'>
                    <div id="email-code-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
                        <div class="${properties.kcAlertIconClass!}"><span class="${properties.kcFeedbackErrorIcon!}"></span></div>
                        <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${message.summary}</span>
                    </div>
                <#elseif message?has_content>
                    <#-- A message handed over by an earlier step of the flow (e.g. in the reset-credentials flow). -->
                    <div class="${properties.kcAlertClass!} pf-m-${message.type}">
                        <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${message.summary}</span>
                    </div>
                </#if>
            </div>
            <#if emailCode.liveCode>
                <form id="kc-email-code-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
                      action="${url.loginAction}" method="post" novalidate="novalidate">
                    <@field.input name="code" label=msg("emailCode.codeLabel") autocomplete="one-time-code" autofocus=true error="" />
                    <p id="email-code-validity" class="ugyfelportal-hint">
                        <#if emailCode.lifetimeInMinutes>${msg("emailCode.validMinutes", emailCode.lifetimeAmount)}<#else>${msg("emailCode.validSeconds", emailCode.lifetimeAmount)}</#if>
                    </p>
                    <@buttons.actionGroup>
                        <@buttons.button id="kc-login" name="login" label="emailCode.submit" + emailCode.keySuffix />
                    </@buttons.actionGroup>
                </form>
            </#if>
            <form id="kc-email-code-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  novalidate="novalidate">
                <input type="hidden" name="resend" value="true"/>
                <@buttons.actionGroup>
                    <@buttons.button id="kc-email-code-resend" name="resendCode" type="secondary" label="emailCode.resend" />
                </@buttons.actionGroup>
            </form>
            <p><a id="kc-email-code-restart" href="${url.loginRestartFlowUrl}">${msg("emailCode.restart")}</a></p>
        </div>
    <#elseif section = "info">
        <div id="email-code-help" class="ugyfelportal-help">
            <p><strong>${msg("emailCode.help.title" + emailCode.keySuffix)}</strong></p>
            <ul>
                <li>${msg("emailCode.help.spam" + emailCode.keySuffix)}</li>
                <li>${msg("emailCode.help.trustedSender")}</li>
                <li>${msg("emailCode.help.loginAgain" + emailCode.keySuffix)}</li>
            </ul>
        </div>
    </#if>
</@layout.registrationLayout>
