<#import "template.ftl" as layout>
<#import "ugyfelportal-locked-username.ftl" as lockedUsername>
<#import "buttons.ftl" as buttons>
<#import "ugyfelportal-steps.ftl" as steps>
<#-- "Ügyfél kiválasztása": one button per eligible client number; the button's value is the number.
     Names come from the admin console and are HTML-escaped by FreeMarker's HTML output format. -->
<@layout.registrationLayout displayMessage=true displayInfo=true; section>
    <#if section = "header">
        ${msg("clientNumber.title")}
    <#elseif section = "form">
        <@steps.styles/>
        <p id="client-number-intro" class="ugyfelportal-hint">${msg("clientNumber.intro")}</p>
        <form id="kc-client-number-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="ugyfelportal-client-numbers" role="list">
                <#list clientNumbers as clientNumber>
                    <li>
                        <button type="submit" name="clientNumber" value="${clientNumber.number}"
                                id="client-number-${clientNumber.number}"
                                class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} ugyfelportal-client-number">
                            <span class="ugyfelportal-client-number-name">${clientNumber.name}</span>
                            <span class="ugyfelportal-client-number-details">${msg("clientNumber.numberLabel")} ${clientNumber.number} · ${msg(clientNumber.typeKey)}</span>
                        </button>
                    </li>
                </#list>
            </ul>
        </form>
    <#elseif section = "info">
        <div id="client-number-relogin">
            <span>${msg("clientNumber.anotherNeedsNewLogin")}</span>
        </div>
    </#if>
</@layout.registrationLayout>
