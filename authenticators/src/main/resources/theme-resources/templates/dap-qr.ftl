<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "ugyfelportal-steps.ftl" as steps>
<#-- The DÁP QR code. The script listens on one status stream (server-sent events): it shows the next QR in place of
     one that ran out, and reloads the page once the phone has answered. Without JavaScript the meta refresh (or the
     continue link) reloads the page, which shows the current QR or completes the login. -->
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg(dap.linking?then("dap.linkTitle", "dap.qrTitle"))}
    <#elseif section = "form">
        <@steps.styles/>
        <noscript><meta http-equiv="refresh" content="${(dap.retryPauseSeconds * 3)?c}"></noscript>
        <div id="dap-qr" class="ugyfelportal-dap-qr" data-status-url="${dap.statusUrl}" data-page-url="${dap.pageUrl}"
             data-retry-ms="${(dap.retryPauseSeconds * 1000)?c}" data-hold-ms="${(dap.statusHoldSeconds * 1000)?c}">
            <p id="dap-instruction">${msg("dap.qrInstruction")}</p>
            <img id="dap-qr-image" src="${dap.qrImage}" alt="${msg("dap.qrAlt")}" width="280" height="280">
            <p id="dap-renewed" class="ugyfelportal-hint" role="status" hidden>${msg("dap.expired")}</p>
            <p id="dap-waiting" class="ugyfelportal-hint">${msg("dap.waiting")}</p>
            <#if dap.simulatorQr>
                <div id="dap-qr-content-box" class="ugyfelportal-dap-simulator">
                    <label for="dap-qr-content">${msg("dap.qrContentLabel")}</label>
                    <p class="ugyfelportal-hint">${msg("dap.qrContentHint")}</p>
                    <input id="dap-qr-content" class="${properties.kcInputClass!}" type="text" readonly
                           value="${dap.walletLink}">
                    <div class="ugyfelportal-dap-simulator-actions">
                        <button type="button" id="dap-copy" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}"
                                data-copied="${msg("dap.copied")}" hidden>${msg("dap.copy")}</button>
                        <a id="dap-open-simulator" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}"
                           href="${dap.walletLink}">${msg("dap.openSimulator")}</a>
                    </div>
                    <p id="dap-copied" class="ugyfelportal-hint" role="status"></p>
                </div>
            </#if>
            <#-- Only where the page is shown on a touch screen (a phone): see ugyfelportal.css. -->
            <div class="ugyfelportal-dap-same-device">
                <p>${msg("dap.sameDeviceHint")}</p>
                <a id="dap-open-app" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}"
                   href="${dap.walletLink}">${msg("dap.openApp")}</a>
            </div>
            <@buttons.actionGroup>
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
                var source = null;
                var silence = null;

                // The next QR, shown in place of the one that ran out: image, same-device link, simulator text.
                function showQr(qr) {
                    document.getElementById("dap-qr-image").src = qr.image;
                    document.querySelectorAll("#dap-open-app, #dap-open-simulator").forEach(function (link) {
                        link.href = qr.link;
                    });
                    var content = document.getElementById("dap-qr-content");
                    if (content) {
                        content.value = qr.link;
                    }
                    document.getElementById("dap-renewed").hidden = false;
                }

                function stop() {
                    clearTimeout(silence);
                    source.close();
                }

                // A stream that went quiet (a proxy dropped it without closing) is opened anew.
                function expectNewsWithin(ms) {
                    clearTimeout(silence);
                    silence = setTimeout(function () {
                        source.close();
                        listen();
                    }, ms);
                }

                function listen() {
                    source = new EventSource(box.dataset.statusUrl);
                    expectNewsWithin(holdMs + 15000);
                    source.addEventListener("wait", function () {
                        expectNewsWithin(holdMs + 15000);
                    });
                    source.addEventListener("qr", function (event) {
                        expectNewsWithin(holdMs + 15000);
                        showQr(JSON.parse(event.data));
                    });
                    source.addEventListener("reload", function () {
                        stop();
                        window.location.replace(box.dataset.pageUrl);
                    });
                    // Another tab of this login listens now; the continue link still works here.
                    source.addEventListener("replaced", stop);
                    source.onerror = function () {
                        // A broken connection is retried by the browser itself; a refused one is not.
                        if (source.readyState === EventSource.CLOSED) {
                            stop();
                            setTimeout(function () { window.location.replace(box.dataset.pageUrl); }, retryMs * 3);
                        }
                    };
                }

                var copy = document.getElementById("dap-copy");
                if (copy) {
                    copy.hidden = false;
                    copy.addEventListener("click", function () {
                        var content = document.getElementById("dap-qr-content");
                        content.select();
                        var done = function () {
                            document.getElementById("dap-copied").textContent = copy.dataset.copied;
                        };
                        if (navigator.clipboard) {
                            navigator.clipboard.writeText(content.value).then(done, function () {
                                document.execCommand("copy");
                                done();
                            });
                        } else {
                            document.execCommand("copy");
                            done();
                        }
                    });
                }

                listen();
            })();
        </script>
    </#if>
</@layout.registrationLayout>
