package hu.ugyfelportal.it.dap;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestClock;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PID revocation by status list on the real Keycloak, with the simulator as PID issuer (serving its status lists
 * over HTTP) and as the phone. Each test starts from a status list Keycloak has not cached yet, so what it sees is
 * that test's doing; the simulator counts the fetches. Three identities are this class's own: one linked customer
 * whose PID stays valid, one that gets revoked, one suspended.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapStatusListIT {

    private static final String VALID = "bodnar-zoltan";
    private static final String REVOKED = "simon-agnes";
    private static final String SUSPENDED = "racz-tamas";
    private static final String IDP = "dap";
    private static final String POLICY = "dapStatusListFailurePolicy";
    private static final String GRACE = "dapStatusListGraceSeconds";
    private static final String MAX_CACHE = "dapStatusListMaxCacheSeconds";
    private static final String FETCH_TIMEOUT = "dapStatusListFetchTimeoutSeconds";
    private static final String REVOKED_HU = "Sikertelen bejelentkezés. A DÁP alkalmazásban tárolt személyazonosító "
            + "adatait a kibocsátó visszavonta, ezért azokkal nem tud belépni.";
    private static final String REVOKED_EN = "Login failed. The issuer has revoked the personal identification data "
            + "stored in your DÁP app, so it cannot be used to log in.";
    private static final String SUSPENDED_HU = "Sikertelen bejelentkezés. A DÁP alkalmazásban tárolt személyazonosító "
            + "adatai jelenleg fel vannak függesztve, ezért azokkal most nem tud belépni.";
    private static final String UNAVAILABLE_HU = "A DÁP alkalmazásban tárolt személyazonosító adatai érvényességét "
            + "jelenleg nem tudjuk ellenőrizni.";
    private static final String REJECTED_HU = "A DÁP alkalmazás válaszát nem tudtuk elfogadni.";

    /** The linked customer whose PID stays valid; linked once, before the first test. */
    private static boolean linked;

    private String list;

    @BeforeEach
    void aLinkedCustomerAndAStatusListNoNodeHasCachedYet(TestEnvironment env) {
        linkedCustomer(env);
        list = env.dap().newStatusList();
    }

    @AfterEach
    void putTheIssuerBack(TestEnvironment env) {
        env.dap().serveStatusList("normal");
        env.dap().setPidStatus(REVOKED, "valid");
        env.dap().setPidStatus(SUSPENDED, "valid");
    }

    @Test
    void aValidPidLogsTheLinkedCustomerInAfterItsListWasFetched(TestEnvironment env) {
        int before = env.dap().statusListFetches(list);

        assertThat(DapJourney.logsIn(env, VALID)).as("logged in").isTrue();
        assertThat(env.dap().statusListFetches(list)).as("the list was fetched").isEqualTo(before + 1);
    }

    @Test
    void aRevokedPidIsRefusedWithItsOwnMessageAndEvent(TestEnvironment env) {
        env.dap().setPidStatus(REVOKED, "revoked");

        Refusal refusal = refused(env, REVOKED, Map.of());

        assertThat(refusal.page()).contains(REVOKED_HU).contains("Kérjük, lépjen be felhasználónevével és jelszavával");
        assertThat(refusal.walletStatus()).isEqualTo(400);
        assertEvent(env, "dap_pid_revoked", "INVALID");
    }

    @Test
    void theRevokedPidsMessageIsInEnglishOnTheEnglishPage(TestEnvironment env) {
        env.dap().setPidStatus(REVOKED, "revoked");

        assertThat(refused(env, REVOKED, Map.of("ui_locales", "en")).page()).contains(REVOKED_EN);
    }

    @Test
    void aSuspendedPidIsRefusedUntilTheIssuerLiftsTheSuspension(TestEnvironment env) throws Exception {
        env.dap().setPidStatus(SUSPENDED, "suspended");
        // Fetched at every login, so the lifted suspension is seen at once rather than after the cache time.
        env.admin().withIdentityProviderSetting(IDP, MAX_CACHE, "0", () -> {
            assertThat(refused(env, SUSPENDED, Map.of()).page()).contains(SUSPENDED_HU);
            assertEvent(env, "dap_pid_suspended", "SUSPENDED");

            env.dap().setPidStatus(SUSPENDED, "valid");
            assertThat(approve(env, env.newBrowser(), SUSPENDED).verifierStatus()).as("accepted again").isEqualTo(200);
        });
    }

    @Test
    void theSecondLoginUsesTheListCachedByTheFirst(TestEnvironment env) {
        int before = env.dap().statusListFetches(list);

        assertThat(DapJourney.logsIn(env, VALID)).as("first login").isTrue();
        assertThat(DapJourney.logsIn(env, VALID)).as("second login").isTrue();

        assertThat(env.dap().statusListFetches(list)).as("fetched once for both logins").isEqualTo(before + 1);
    }

    @Test
    void anUnreachableListRefusesTheLoginByDefault(TestEnvironment env) {
        env.dap().serveStatusList("unavailable");

        assertThat(refused(env, VALID, Map.of()).page()).contains(UNAVAILABLE_HU);
        assertEvent(env, "dap_status_list_unavailable", "HTTP 503");
    }

    @Test
    void aListThatDoesNotAnswerRefusesTheLoginOnceTheFetchTimesOut(TestEnvironment env) throws Exception {
        env.dap().serveStatusList("hanging");

        env.admin().withIdentityProviderSetting(IDP, FETCH_TIMEOUT, "1", () -> {
            Instant started = Instant.now();
            assertThat(refused(env, VALID, Map.of()).page()).contains(UNAVAILABLE_HU);
            assertThat(Duration.between(started, Instant.now())).as("not the 30 s the list would hang")
                    .isLessThan(Duration.ofSeconds(15));
        });
        assertEvent(env, "dap_status_list_unavailable", "Timeout");
    }

    @Test
    void withTheLastGoodCopyPolicyAnUnreachableListFallsBackToTheCopyFetchedWithinTheGracePeriod(TestEnvironment env)
            throws Exception {
        env.admin().withIdentityProviderSettings(IDP, Map.of(POLICY, "last-good-copy", GRACE, "600", MAX_CACHE, "0"), () -> {
            assertThat(DapJourney.logsIn(env, VALID)).as("list reachable").isTrue();
            env.dap().serveStatusList("unavailable");
            int fetches = env.dap().statusListFetches(list);

            assertThat(DapJourney.logsIn(env, VALID)).as("list unreachable, the copy decides").isTrue();
            assertThat(env.dap().statusListFetches(list)).as("a fresh copy was tried first").isEqualTo(fetches + 1);
        });
    }

    @Test
    void withTheLastGoodCopyPolicyAnUnreachableListWithoutACopyIsStillRefused(TestEnvironment env) throws Exception {
        env.dap().serveStatusList("unavailable");

        env.admin().withIdentityProviderSettings(IDP, Map.of(POLICY, "last-good-copy", GRACE, "600"), () ->
                assertThat(refused(env, VALID, Map.of()).page()).contains(UNAVAILABLE_HU));
    }

    /**
     * The grace period on Keycloak's clock, moved on the test server: a copy fetched a minute short of it still
     * decides, one a minute past it no longer does. The copy is never fresh (cache 0), so each login tries the list.
     */
    @Test
    void withTheLastGoodCopyPolicyACopyWithinTheGracePeriodDecidesAndOnePastItNoLongerDoes(TestEnvironment env)
            throws Exception {
        env.admin().withIdentityProviderSettings(IDP, Map.of(POLICY, "last-good-copy", GRACE, "180", MAX_CACHE, "0"), () -> {
            assertThat(approve(env, env.newBrowser(), VALID).verifierStatus()).as("list reachable").isEqualTo(200);
            env.dap().serveStatusList("unavailable");
            try (TestClock clock = env.clock()) {
                clock.move(Duration.ofSeconds(120));
                int fetches = env.dap().statusListFetches(list);
                assertThat(DapJourney.logsIn(env, VALID)).as("two minutes after the fetch, within the grace").isTrue();
                assertThat(env.dap().statusListFetches(list)).as("a fresh copy was tried first").isEqualTo(fetches + 1);

                clock.move(Duration.ofSeconds(120));
                assertThat(refused(env, VALID, Map.of()).page()).as("four minutes after it").contains(UNAVAILABLE_HU);
            }
        });
    }

    @ParameterizedTest(name = "a list served {0} is refused")
    @CsvSource({
            "untrusted-key, signer not trusted",  // signed by a key the PID's issuer is not trusted with
            "other-sub, sub is not",              // its sub is another URI than the PID's status_list.uri
            "expired, expired"})                  // its exp has passed
    void aListThatCannotBeTrustedForThePidIsRefused(String serving, String reason, TestEnvironment env) {
        env.dap().serveStatusList(serving);

        assertThat(refused(env, VALID, Map.of()).page()).contains(REJECTED_HU);
        assertEvent(env, "dap_status_list_invalid", reason);
    }

    /** What the customer sees after the phone's answer was refused, and what the phone was told. */
    private record Refusal(String page, int walletStatus) {
    }

    private static Refusal refused(TestEnvironment env, String identity, Map<String, String> parameters) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser, parameters);
        int walletStatus = env.dap().approve(DapPhone.scan(qr), identity).verifierStatus();
        Page again = DapJourney.refresh(browser, qr);
        assertThat(again.isPortalRedirect()).as("not logged in").isFalse();
        assertThat(walletStatus).as("the wallet's answer was refused").isEqualTo(400);
        return new Refusal(again.text(), walletStatus);
    }

    private static DapPhone.Outcome approve(TestEnvironment env, Browser browser, String identity) {
        return env.dap().approve(DapPhone.scan(DapJourney.qrPage(env, browser)), identity);
    }

    private static synchronized void linkedCustomer(TestEnvironment env) {
        if (!linked) {
            DapJourney.linkedCustomer(env, "dap-status", VALID);
            linked = true;
        }
    }

    private static void assertEvent(TestEnvironment env, String error, String reason) {
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", error)
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains(reason));
    }
}
