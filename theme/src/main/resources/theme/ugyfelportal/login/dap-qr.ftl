<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- The DÁP QR code. The page asks the server every few seconds whether the phone has answered and then reloads;
     without JavaScript the meta refresh (or the continue link) does the same. -->
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg(dap.linking?then("dap.linkTitle", "dap.qrTitle"))}
    <#elseif section = "form">
        <noscript><meta http-equiv="refresh" content="${(dap.pollIntervalSeconds * 3)?c}"></noscript>
        <div id="dap-qr" data-status-url="${dap.statusUrl}" data-page-url="${dap.pageUrl}"
             data-poll-ms="${(dap.pollIntervalSeconds * 1000)?c}">
            <p id="dap-instruction">${msg("dap.qrInstruction")}</p>
            <img id="dap-qr-image" src="${dap.qrImage}" alt="${msg("dap.qrAlt")}" width="280" height="280">
            <p id="dap-waiting" class="ugyfelportal-hint">${msg("dap.waiting")}</p>
            <p>${msg("dap.sameDeviceHint")}</p>
            <@buttons.actionGroup>
                <a id="dap-open-app" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}"
                   href="${dap.walletLink}">${msg("dap.openApp")}</a>
                <a id="dap-continue" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}"
                   href="${dap.pageUrl}">${msg("dap.continue")}</a>
                <a id="dap-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!}"
                   href="${dap.cancelUrl}">${msg("dap.cancel")}</a>
            </@buttons.actionGroup>
        </div>
        <script>
            (function () {
                var box = document.getElementById("dap-qr");
                function poll() {
                    fetch(box.dataset.statusUrl, {credentials: "same-origin", cache: "no-store"})
                        .then(function (response) { return response.json(); })
                        .then(function (status) {
                            if (status.reload) {
                                window.location.replace(box.dataset.pageUrl);
                            } else {
                                setTimeout(poll, Number(box.dataset.pollMs));
                            }
                        })
                        .catch(function () { setTimeout(poll, Number(box.dataset.pollMs) * 2); });
                }
                setTimeout(poll, Number(box.dataset.pollMs));
            })();
        </script>
    </#if>
</@layout.registrationLayout>
