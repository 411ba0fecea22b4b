package hu.ugyfelportal.it.cluster;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.ClusterEnvironment;
import hu.ugyfelportal.it.support.ClusterExtension;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node restarted (a rolling restart): authentication sessions are kept by both nodes, so a login begun on the
 * restarted node goes on on the other one while it is down, and on the restarted node once it is back.
 */
@ExtendWith(ClusterExtension.class)
class OneNodeRestartIT {

    @Test
    void loginsBegunOnARestartedNodeGoOnOnTheOtherNodeAndOnTheRestartedOne(ClusterEnvironment cluster) {
        String first = AdminApi.uniqueEmail("restart-one-a");
        String second = AdminApi.uniqueEmail("restart-one-b");
        ClusterJourney.customer(cluster, first);
        ClusterJourney.customer(cluster, second);
        ClusterJourney.AtCodePage firstLogin = ClusterJourney.toCodePage(cluster, cluster.nodeA(), first);
        ClusterJourney.AtCodePage secondLogin = ClusterJourney.toCodePage(cluster, cluster.nodeA(), second);

        cluster.nodeA().stop();
        Page firstDone;
        try {
            firstDone = ClusterJourney.submitOn(cluster.nodeB(), firstLogin.browser(), firstLogin.page(),
                    LoginJourney.CODE_FORM, Map.of("code", firstLogin.code()));
        } finally {
            cluster.nodeA().startAgain(2);
        }
        Page secondDone = ClusterJourney.submitOn(cluster.nodeA(), secondLogin.browser(), secondLogin.page(),
                LoginJourney.CODE_FORM, Map.of("code", secondLogin.code()));

        assertThat(firstDone.isPortalRedirect()).as("on node B while node A was down: %s", firstDone).isTrue();
        assertThat(cluster.portal(cluster.nodeB()).exchange(firstLogin.request(), firstDone).idTokenClaims())
                .containsEntry("email", first);
        assertThat(secondDone.isPortalRedirect()).as("on node A after its restart: %s", secondDone).isTrue();
        assertThat(cluster.portal(cluster.nodeA()).exchange(secondLogin.request(), secondDone).idTokenClaims())
                .containsEntry("email", second);
    }
}
