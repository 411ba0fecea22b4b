package hu.ugyfelportal.it.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.dapsimulator.VerifierRequest;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.ClusterEnvironment;
import hu.ugyfelportal.it.support.ClusterExtension;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak restarted (both nodes, so no node remembers anything) in the middle of logins, on the persistent
 * database: users, links and realm keys survive, authentication sessions and pending DÁP transactions do not. The
 * customer must get a clear way to start again, nothing half-done may be accepted or stored, and new logins work.
 * One restart serves all the tests: the half-done logins are set up before it.
 */
@ExtendWith(ClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeClusterRestartIT {

    /** Keycloak's own message (its Hungarian text) when a login's session is gone but its restart cookie is valid. */
    private static final String LOGIN_RESTARTED = "A bejelentkezés megszakadt vagy túl sokáig tartott. Kérjük, kezdje újra: adja meg e-mail címét és jelszavát.";
    private static final String DAP_SESSION_EXPIRED = "A bejelentkezés lejárt, vagy egy másik böngészőben kezdődött. "
            + "Kérjük, kezdje újra a bejelentkezést.";
    private static final String DAP_IDENTITY = "molnar-katalin";

    private String codeCustomer;
    private ClusterJourney.AtCodePage atCodeBeforeRestart;
    private String dapCustomer;
    private String dapCustomerId;
    private Browser linkingBrowser;
    private Page linkingQrBeforeRestart;
    private Wallet wallet;
    private VerifierRequest fetchedBeforeRestart;

    @BeforeAll
    void halfDoneLoginsThenRestart(ClusterEnvironment cluster) {
        codeCustomer = AdminApi.uniqueEmail("restart-code");
        ClusterJourney.customer(cluster, codeCustomer);
        atCodeBeforeRestart = ClusterJourney.toCodePage(cluster, cluster.nodeA(), codeCustomer);

        dapCustomer = AdminApi.uniqueEmail("restart-dap");
        dapCustomerId = ClusterJourney.customer(cluster, dapCustomer);
        linkingBrowser = cluster.newBrowser();
        linkingQrBeforeRestart = ClusterJourney.linkingQrPage(cluster, cluster.nodeA(), linkingBrowser, dapCustomer);
        wallet = cluster.wallet();
        fetchedBeforeRestart = wallet.fetch(DapPhone.scan(linkingQrBeforeRestart));

        cluster.restartBothNodes();
    }

    @Test
    void postingTheCodeAfterTheRestartShowsTheLoginPageWithAClearMessageToStartAgain(ClusterEnvironment cluster) {
        Page page = ClusterJourney.submitOn(cluster.nodeA(), atCodeBeforeRestart.browser(), atCodeBeforeRestart.page(),
                LoginJourney.CODE_FORM, Map.of("code", atCodeBeforeRestart.code()));

        assertThat(page.isPortalRedirect()).as("not logged in: %s", page).isFalse();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.has("#kc-form-login")).as("the login page: %s", page).isTrue();
        assertThat(page.text()).contains(LOGIN_RESTARTED).doesNotContain("Exception");
    }

    @Test
    void theCodeMailedBeforeTheRestartIsNotAcceptedInANewLoginAndTheNewCodeIs(ClusterEnvironment cluster) {
        ClusterJourney.AtCodePage fresh = ClusterJourney.toCodePage(cluster, cluster.nodeB(), codeCustomer);
        assertThat(fresh.code()).as("a new code was mailed").isNotEqualTo(atCodeBeforeRestart.code());

        Page refused = fresh.browser().submit(fresh.page(), LoginJourney.CODE_FORM,
                Map.of("code", atCodeBeforeRestart.code()));
        assertThat(refused.isPortalRedirect()).as("old code refused: %s", refused).isFalse();
        assertThat(refused.has(LoginJourney.CODE_FORM)).as("still on the code page: %s", refused).isTrue();

        Page done = fresh.browser().submit(refused, LoginJourney.CODE_FORM, Map.of("code", fresh.code()));
        assertThat(done.isPortalRedirect()).as("new code accepted: %s", done).isTrue();
        assertThat(cluster.portal(cluster.nodeB()).exchange(fresh.request(), done).idTokenClaims())
                .containsEntry("email", codeCustomer);
    }

    @Test
    void aWalletAnswerToARequestFetchedBeforeTheRestartLinksNothingAndLinkingAgainThenDapLoginWork(
            ClusterEnvironment cluster) {
        Wallet.Answer late = wallet.approve(fetchedBeforeRestart, TestIdentity.byId(DAP_IDENTITY));
        assertThat(late.status()).as("the verifier refuses the answer: %s", late.body()).isEqualTo(400);
        Page qrAgain = linkingBrowser.open(linkingQrBeforeRestart.document().selectFirst("#dap-continue").absUrl("href"));
        assertThat(qrAgain.isPortalRedirect()).isFalse();
        assertThat(qrAgain.text()).contains(DAP_SESSION_EXPIRED).doesNotContain("Exception");
        assertThat(federatedIdentities(cluster)).as("no half-linked DÁP identity").isEmpty();

        Browser again = cluster.newBrowser();
        Page linkingQr = ClusterJourney.linkingQrPage(cluster, cluster.nodeA(), again, dapCustomer);
        assertThat(cluster.dap().approve(DapPhone.scan(linkingQr), DAP_IDENTITY).verifierStatus()).isEqualTo(200);
        assertThat(ClusterJourney.awaitReload(again, linkingQr).isPortalRedirect()).isTrue();
        assertThat(federatedIdentities(cluster)).singleElement()
                .satisfies(link -> assertThat(link).containsEntry("identityProvider", "dap"));

        Browser browser = cluster.newBrowser();
        PortalClient.AuthorizationRequest request = cluster.portal(cluster.nodeB()).authorizationRequest();
        Page qr = DapJourney.openDap(browser, browser.open(request.url()));
        assertThat(cluster.dap().approve(DapPhone.scan(qr), DAP_IDENTITY).verifierStatus()).isEqualTo(200);
        Page done = ClusterJourney.awaitReload(browser, qr);
        assertThat(done.isPortalRedirect()).as("DÁP login after the restart: %s", done).isTrue();
        assertThat(cluster.portal(cluster.nodeB()).exchange(request, done).idTokenClaims())
                .containsEntry("email", dapCustomer);
    }

    private List<Map<String, Object>> federatedIdentities(ClusterEnvironment cluster) {
        return cluster.admin(cluster.nodeA()).get("/users/" + dapCustomerId + "/federated-identity",
                new TypeReference<>() {
                });
    }
}
