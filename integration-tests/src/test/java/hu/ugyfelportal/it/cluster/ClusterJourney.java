package hu.ugyfelportal.it.cluster;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.ClusterEnvironment;
import hu.ugyfelportal.it.support.ClusterNode;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.QrStatusStream;
import org.jsoup.nodes.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's steps in the cluster tests, with the node each request goes to chosen by the test, as a load
 * balancer without sticky sessions might choose it. The browser keeps one cookie jar for 127.0.0.1 whatever the
 * port, as real browsers do (cookies are per host, not per port), so both nodes see the same Keycloak cookies.
 */
final class ClusterJourney {

    static final String PASSWORD = "Klaszter-teszt-jelszo-1";
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

    private ClusterJourney() {
    }

    /** A customer with one client number (so the chooser passes by itself), created through node A. */
    static String customer(ClusterEnvironment cluster, String email) {
        return cluster.admin(cluster.nodeA()).createUser(email, PASSWORD, AdminApi.oneClientNumber());
    }

    /** A login on the given node up to the e-mail code page, with the code that node mailed. */
    record AtCodePage(Browser browser, PortalClient.AuthorizationRequest request, Page page, String code) {
    }

    static AtCodePage toCodePage(ClusterEnvironment cluster, ClusterNode node, String email) {
        Browser browser = cluster.newBrowser();
        PortalClient.AuthorizationRequest request = cluster.portal(node).authorizationRequest();
        int mailsBefore = cluster.mail().mailsFor(email).size();
        Page codePage = LoginJourney.submitPassword(browser, browser.open(request.url()), email, PASSWORD);
        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("code page: %s", codePage).isTrue();
        assertThat(node.served(codePage)).as("served by node %s: %s", node.name(), codePage.uri()).isTrue();
        return new AtCodePage(browser, request, codePage, awaitCode(cluster, email, mailsBefore));
    }

    static String awaitCode(ClusterEnvironment cluster, String email, int mailsBefore) {
        return LoginJourney.codeFrom(cluster.mail().awaitMail(email, mailsBefore, Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("No mail to " + email)));
    }

    /** Posts the page's form to the given node instead of the one that served the page. */
    static Page submitOn(ClusterNode node, Browser browser, Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document().selectFirst(formSelector);
        assertThat(form).as("form %s on %s", formSelector, page).isNotNull();
        form.attr("action", node.sameUrlHere(form.absUrl("action")));
        return browser.submit(page, formSelector, fields);
    }

    /** Password and code on the given node, as one ordinary login. */
    static Page passwordAndCode(ClusterEnvironment cluster, ClusterNode node, Browser browser, Page loginPage,
                                String email) {
        int mailsBefore = cluster.mail().mailsFor(email).size();
        Page codePage = LoginJourney.submitPassword(browser, loginPage, email, PASSWORD);
        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("code page: %s", codePage).isTrue();
        return submitOn(node, browser, codePage, LoginJourney.CODE_FORM,
                Map.of("code", awaitCode(cluster, email, mailsBefore)));
    }

    /** Logs in on the node and confirms linking DÁP (kc_action=idp_link:dap); returns the QR page. */
    static Page linkingQrPage(ClusterEnvironment cluster, ClusterNode node, Browser browser, String email) {
        Page login = browser.open(DapJourney.linkingRequest(cluster.portal(node)).url());
        Page confirm = passwordAndCode(cluster, node, browser, login, email);
        Page qr = browser.submit(confirm, "form[action*=login-actions]", Map.of());
        assertThat(qr.has("#dap-qr-image")).as("linking QR page: %s", qr).isTrue();
        return qr;
    }

    /** Links DÁP to the customer on the given node, the simulator approving as {@code identity}. */
    static void linkDap(ClusterEnvironment cluster, ClusterNode node, String email, String identity) {
        Browser browser = cluster.newBrowser();
        Page qr = linkingQrPage(cluster, node, browser, email);
        assertThat(cluster.dap().approve(DapPhone.scan(qr), identity).verifierStatus()).isEqualTo(200);
        assertThat(awaitReload(browser, qr).isPortalRedirect()).as("linked").isTrue();
    }

    /**
     * What the QR page's script does: listen on the status stream until it says to reload (a QR that runs out
     * meanwhile is replaced in place), then load the page again. Only the overall wait is bounded.
     */
    static Page awaitReload(Browser browser, Page qrPage) {
        Element box = qrPage.document().selectFirst("#dap-qr");
        assertThat(box).as("QR page: %s", qrPage).isNotNull();
        Instant deadline = Instant.now().plus(RELOAD_TIMEOUT);
        try (QrStatusStream stream = QrStatusStream.open(browser, box.absUrl("data-status-url"))) {
            String event;
            do {
                event = stream.next(Duration.between(Instant.now(), deadline)).name();
            } while (!event.equals("reload") && !event.equals(QrStatusStream.Event.ENDED));
            assertThat(event).as("the status stream's last word").isEqualTo("reload");
        }
        return browser.open(box.absUrl("data-page-url"));
    }
}
