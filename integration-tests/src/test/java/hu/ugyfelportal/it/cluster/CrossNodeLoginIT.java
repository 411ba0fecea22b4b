package hu.ugyfelportal.it.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.dapsimulator.VerifierRequest;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.ClusterEnvironment;
import hu.ugyfelportal.it.support.ClusterExtension;
import hu.ugyfelportal.it.support.ClusterNode;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login whose requests are spread over both nodes of the cluster, as a load balancer without sticky sessions
 * may spread them: everything a step leaves behind (the authentication session, the e-mailed code, the DÁP
 * transaction and its result) must be readable on the other node.
 */
@ExtendWith(ClusterExtension.class)
class CrossNodeLoginIT {

    @Test
    void theClusterHasTwoMembers(ClusterEnvironment cluster) {
        cluster.nodeA().awaitClusterView(2);
        cluster.nodeB().awaitClusterView(2);
    }

    @Test
    void aCodeEmailedByNodeAIsAcceptedWhenTheCodeFormIsPostedToNodeB(ClusterEnvironment cluster) {
        String email = AdminApi.uniqueEmail("cluster-code");
        ClusterJourney.customer(cluster, email);
        ClusterJourney.AtCodePage atCode = ClusterJourney.toCodePage(cluster, cluster.nodeA(), email);

        Page done = ClusterJourney.submitOn(cluster.nodeB(), atCode.browser(), atCode.page(), LoginJourney.CODE_FORM,
                Map.of("code", atCode.code()));

        assertThat(done.isPortalRedirect()).as("logged in: %s", done).isTrue();
        assertThat(cluster.nodeB().served(done)).as("node B answered the code: %s", done.uri()).isTrue();
        assertThat(cluster.portal(cluster.nodeB()).exchange(atCode.request(), done).idTokenClaims())
                .containsEntry("email", email);
    }

    @Test
    void aDapLoginWhoseWalletTalksToNodeBCompletesInTheBrowserOnNodeA(ClusterEnvironment cluster) {
        String email = AdminApi.uniqueEmail("cluster-dap");
        String userId = ClusterJourney.customer(cluster, email);
        ClusterJourney.linkDap(cluster, cluster.nodeA(), email, "kovacs-janos");

        Browser browser = cluster.newBrowser();
        PortalClient.AuthorizationRequest request = cluster.portal(cluster.nodeA()).authorizationRequest();
        Page qr = DapJourney.openDap(browser, browser.open(request.url()));
        assertThat(cluster.nodeA().served(qr)).isTrue();
        // The QR's request_uri is built from the address of the node that drew it (node A). A phone reaches the
        // cluster through its load balancer; here it is sent to node B by rewriting the host and port in the QR.
        Wallet wallet = cluster.wallet();
        VerifierRequest fetched = wallet.fetch(requestUriOn(cluster.nodeB(), DapPhone.scan(qr)));
        assertThat(fetched.responseUri()).as("node B names itself as the response_uri")
                .startsWith(cluster.nodeB().baseUrl() + "/");
        assertThat(wallet.approve(fetched, TestIdentity.byId("kovacs-janos")).status()).isEqualTo(200);
        Page done = ClusterJourney.awaitReload(browser, qr);

        assertThat(done.isPortalRedirect()).as("logged in on node A: %s", done).isTrue();
        assertThat(cluster.nodeA().served(done)).isTrue();
        assertThat(cluster.portal(cluster.nodeA()).exchange(request, done).idTokenClaims()).containsEntry("email", email);
        assertThat(cluster.admin(cluster.nodeB()).get("/users/" + userId + "/federated-identity",
                new TypeReference<List<Map<String, Object>>>() {
                })).singleElement().satisfies(link -> assertThat(link).containsEntry("identityProvider", "dap"));
    }

    /** The QR content with its request_uri moved to the given node; the rest (client_id, method) unchanged. */
    static String requestUriOn(ClusterNode node, String qrContent) {
        URI qr = URI.create(qrContent);
        StringBuilder query = new StringBuilder();
        for (String pair : qr.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            String value = nameValue[0].equals("request_uri")
                    ? URLEncoder.encode(node.sameUrlHere(URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8)
                    : nameValue[1];
            query.append(query.isEmpty() ? "" : "&").append(nameValue[0]).append('=').append(value);
        }
        String content = qrContent.substring(0, qrContent.indexOf('?') + 1) + query;
        assertThat(content).isNotEqualTo(qrContent);
        return content;
    }
}
