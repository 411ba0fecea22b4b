<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- The DÁP QR code. The script waits on one status request at a time, which the server holds until the phone has
     answered (or the QR ran out, or the hold limit passed), and reloads when told; without JavaScript the meta
     refresh (or the continue link) does the same. -->
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg(dap.linking?then("dap.linkTitle", "dap.qrTitle"))}
    <#elseif section = "form">
        <noscript><meta http-equiv="refresh" content="${(dap.retryPauseSeconds * 3)?c}"></noscript>
        <div id="dap-qr" data-status-url="${dap.statusUrl}" data-page-url="${dap.pageUrl}"
             data-retry-ms="${(dap.retryPauseSeconds * 1000)?c}" data-hold-ms="${(dap.statusHoldSeconds * 1000)?c}">
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
                var retryMs = Number(box.dataset.retryMs);
                var holdMs = Number(box.dataset.holdMs);
                var maxPauseMs = 30000;
                var minGapMs = 1000;
                var pauseMs = retryMs;

                function askAgainIn(ms) {
                    setTimeout(ask, Math.max(0, ms));
                }

                function failed() {
                    askAgainIn(pauseMs);
                    pauseMs = Math.min(pauseMs * 2, maxPauseMs);
                }

                // One held request at a time: the server answers when the page should reload or after holdMs.
                function ask() {
                    var started = Date.now();
                    var controller = new AbortController();
                    // A connection dropped silently on the way (a proxy) would otherwise keep the page waiting.
                    var giveUp = setTimeout(function () { controller.abort(); }, holdMs + 15000);
                    fetch(box.dataset.statusUrl, {credentials: "same-origin", cache: "no-store", signal: controller.signal})
                        .then(function (response) {
                            if (!response.ok) {
                                throw new Error("HTTP " + response.status);
                            }
                            var busyPauseMs = Number(response.headers.get("Retry-After")) * 1000 || 0;
                            return response.json().then(function (status) {
                                clearTimeout(giveUp);
                                pauseMs = retryMs;
                                if (status.reload) {
                                    window.location.replace(box.dataset.pageUrl);
                                } else {
                                    // Straight back after a hold; a busy server says how long to pause.
                                    askAgainIn(Math.max(busyPauseMs, started + minGapMs - Date.now()));
                                }
                            });
                        })
                        .catch(function () {
                            clearTimeout(giveUp);
                            failed();
                        });
                }

                ask();
            })();
        </script>
    </#if>
</@layout.registrationLayout>
