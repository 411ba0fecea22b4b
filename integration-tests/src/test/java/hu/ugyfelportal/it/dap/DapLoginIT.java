package hu.ugyfelportal.it.dap;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static hu.ugyfelportal.it.support.DapJourney.PASSWORD;
import static hu.ugyfelportal.it.support.DapJourney.PRIVATE_PERSON;
import static hu.ugyfelportal.it.support.DapJourney.customer;
import static hu.ugyfelportal.it.support.DapJourney.link;
import static hu.ugyfelportal.it.support.DapJourney.linkingRequest;
import static hu.ugyfelportal.it.support.DapJourney.openDap;
import static hu.ugyfelportal.it.support.DapJourney.qrPage;
import static hu.ugyfelportal.it.support.DapJourney.refresh;
import static hu.ugyfelportal.it.support.DapJourney.startLinking;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DÁP login and linking on the real Keycloak, with the DÁP simulator as the phone: each test reads the QR image on
 * the page, lets the simulator answer, and goes on as a browser without JavaScript would (reloading the page).
 * Every test uses its own simulator identity, because a DÁP identity can be linked to one user only. Its journey
 * steps are {@link DapJourney}'s.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapLoginIT {

    /** The cancel tests' simulator identity; linked only while its test runs. */
    private static final String CANCEL_IDENTITY = "kelemen-reka";
    private static final String COMPANY = "87654321 | CEG | Teszt Kft.";
    private static final String LOGIN_FAILED = "Sikertelen bejelentkezés. Az Ön DÁP fiókja nincs élő Ügyfélportál "
            + "felhasználóval összekötve. Kérjük, lépjen be felhasználónevével és jelszavával az Ügyfélportálra, és "
            + "ellenőrizze a Profil oldalon a DÁP státuszát.";
    private static final String ALREADY_LINKED = "Egy DÁP azonosító egy Ügyfélportál felhasználónévvel köthető össze. "
            + "Amennyiben Ön több különböző felhasználónévvel (e-mail címmel) használja az Ügyfélportált, és mindet össze "
            + "szeretné kötni, kérjük, valamennyi ügyfélszámán ugyanazt az e-mail címet állítsa be felhasználónévnek. "
            + "Amennyiben ezt nem szeretné, sajnos csak egy felhasználójába fog tudni DÁP-pal belépni. A többi "
            + "felhasználóba továbbra is csak a felhasználónevével és jelszavával tud belépni.";

    @Test
    void loginPageOffersDap(TestEnvironment env) {
        Page login = env.newBrowser().open(env.portal().authorizationRequest().url());

        assertThat(login.document().select("#social-dap").text()).isEqualTo("Bejelentkezés DÁP-pal");
    }

    @Test
    void linkedCustomerLogsInByScanningTheQrCodeWithoutAnEmailCode(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-login");
        String userId = customer(env, email);
        assertThat(link(env, email, "kovacs-janos").isPortalRedirect()).isTrue();
        int mailsBefore = env.mail().mailsFor(email).size();

        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page qr = openDap(browser, browser.open(request.url()));
        assertThat(qr.text()).contains("Olvassa be a QR kódot a DÁP mobilalkalmazással");
        assertThat(qr.document().select("#dap-open-app").attr("href")).isEqualTo(DapPhone.scan(qr))
                .startsWith("openid4vp://?client_id=x509_san_dns%3A127.0.0.1&request_uri=");
        assertThat(env.dap().approve(DapPhone.scan(qr), "kovacs-janos").verifierStatus()).isEqualTo(200);
        Page done = refresh(browser, qr);

        assertThat(done.isPortalRedirect()).as("logged in: %s", done).isTrue();
        assertThat(env.portal().exchange(request, done).idTokenClaims()).containsEntry("email", email)
                .as("the post-login flow's chooser picked the one DÁP client number")
                .containsEntry("client_number", "12345678").containsEntry("client_type", "MAGANSZEMELY");
        assertThat(env.mail().mailsFor(email)).hasSize(mailsBefore);
        Map<String, Object> user = env.admin().get("/users/" + userId, new TypeReference<>() {
        });
        assertThat(user).containsEntry("lastName", "Kovács").containsEntry("firstName", "János");
    }

    @Test
    void afterDapTheChooserListsOnlyPrivatePersonSoleTraderAndPrimaryProducerNumbers(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-chooser");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE_PERSON,
                "23456789 | EGYENI_VALLALKOZO | Teszt Ügyfél e.v.", COMPANY, "34567890 | TARSASHAZ | Fő utca 1.")));
        link(env, email, "papp-gergely");

        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page qr = openDap(browser, browser.open(request.url()));
        env.dap().approve(DapPhone.scan(qr), "papp-gergely");
        Page chooser = refresh(browser, qr);

        assertThat(chooser.document().select(LoginJourney.CHOOSER_FORM + " button[name=clientNumber]").eachAttr("value"))
                .containsExactly("12345678", "23456789");
        Page done = LoginJourney.chooseClientNumber(browser, chooser, "23456789");
        assertThat(env.portal().exchange(request, done).idTokenClaims())
                .containsEntry("client_number", "23456789").containsEntry("client_type", "EGYENI_VALLALKOZO");
    }

    @Test
    void aCompanyNumberSubmittedAfterDapIsRefused(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-tamper");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE_PERSON,
                "45678901 | OSTERMELO | Teszt Ügyfél őstermelő", COMPANY)));
        link(env, email, "lakatos-eszter");

        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page qr = openDap(browser, browser.open(request.url()));
        env.dap().approve(DapPhone.scan(qr), "lakatos-eszter");
        Page chooser = refresh(browser, qr);
        Page refused = LoginJourney.chooseClientNumber(browser, chooser, "87654321");

        assertThat(refused.isPortalRedirect()).as("company number after DÁP: %s", refused).isFalse();
        assertThat(refused.has(LoginJourney.CHOOSER_FORM)).isTrue();
        assertThat(refused.text()).contains("A kiválasztott ügyfélszámmal nem lehet belépni.");
    }

    @Test
    void passwordLoginKeepsWorkingAfterLinking(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-password");
        customer(env, email);
        link(env, email, "horvath-zsofia");

        Browser browser = env.newBrowser();
        Page done = LoginJourney.passwordAndCode(env, browser, browser.open(env.portal().authorizationRequest().url()),
                email, PASSWORD);

        assertThat(done.isPortalRedirect()).as("password login: %s", done).isTrue();
    }

    @Test
    void linkingStoresTheDapIdentityOnTheUserWithoutItsNationalIdentifier(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-link");
        String userId = customer(env, email);

        Page done = link(env, email, "varga-laszlo");

        assertThat(done.isPortalRedirect()).as("back at the portal: %s", done).isTrue();
        List<Map<String, Object>> links = env.admin().get("/users/" + userId + "/federated-identity", new TypeReference<>() {
        });
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link).containsEntry("identityProvider", "dap").containsKey("userName");
            // The broker username goes into events, the log and the account console: words, not the name or pseudonym.
            assertThat((String) link.get("userName")).matches("(összekötve|linked on) \\d{4}-\\d{2}-\\d{2}");
            assertThat((String) link.get("userId")).doesNotContain("DEV-000007").hasSize(43);
        });
    }

    @Test
    void aDapIdentityLinkedToAnotherUserCannotBeLinkedAgain(TestEnvironment env) {
        String first = AdminApi.uniqueEmail("dap-first");
        customer(env, first);
        link(env, first, "nagy-eva");
        String second = AdminApi.uniqueEmail("dap-second");
        String secondId = customer(env, second);

        Page refused = link(env, second, "nagy-eva");

        assertThat(refused.text()).contains(ALREADY_LINKED);
        assertThat(env.admin().get("/users/" + secondId + "/federated-identity", new TypeReference<List<Object>>() {
        })).isEmpty();
    }

    @Test
    void aCustomerWithOnlyACompanyClientNumberCannotLinkDap(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-company");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(COMPANY)));

        Page refused = startLinking(env, env.newBrowser(), email);

        assertThat(refused.has("#dap-qr-image")).isFalse();
        assertThat(refused.text()).contains("Az Ügyfélportálon a DÁP azonosítás csak magánszemélyként, egyéni "
                + "vállalkozóként, vagy őstermelőként használható.");
    }

    @Test
    void aDapIdentityNotLinkedToAnyUserGetsTheFaqsLoginFailedMessageAndNoUserIsCreated(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        env.dap().approve(DapPhone.scan(qr), "szabo-peter");

        Page refused = refresh(browser, qr);

        assertThat(refused.isPortalRedirect()).isFalse();
        assertThat(refused.text()).contains(LOGIN_FAILED);
        assertThat(env.admin().get("/users?lastName=Szab%C3%B3&firstName=P%C3%A9ter&exact=true", new TypeReference<List<Object>>() {
        })).isEmpty();
    }

    @Test
    void aLinkedButDisabledUserGetsTheSameLoginFailedMessage(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-disabled");
        String userId = customer(env, email);
        link(env, email, "kiss-gabor");
        env.admin().call("PUT", "/users/" + userId, Map.of("enabled", false)).expect(204);

        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        env.dap().approve(DapPhone.scan(qr), "kiss-gabor");
        Page refused = refresh(browser, qr);

        assertThat(refused.isPortalRedirect()).isFalse();
        assertThat(refused.text()).contains(LOGIN_FAILED);
    }

    @Test
    void theCustomerUnlinksDapThroughTheAccountApiAndThenDapNoLongerLogsIn(TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("dap-unlink");
        String userId = customer(env, email);
        PortalClient.AuthorizationRequest linking = linkingRequest(env.portal());
        PortalClient.Tokens tokens = env.portal().exchange(linking, link(env, linking, email, "balogh-judit"));

        HttpResponse<String> unlinked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/linked-accounts/dap"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json")
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unlinked.statusCode()).as("account API: %s", unlinked.body()).isEqualTo(204);
        assertThat(env.admin().get("/users/" + userId + "/federated-identity", new TypeReference<List<Object>>() {
        })).isEmpty();
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        env.dap().approve(DapPhone.scan(qr), "balogh-judit");
        assertThat(refresh(browser, qr).text()).contains(LOGIN_FAILED);
    }

    @Test
    void anApprovalOfOneBrowsersQrCannotCompleteAnotherBrowsersLogin(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-relay");
        customer(env, email);
        link(env, email, "toth-anna");
        Browser victim = env.newBrowser();
        PortalClient.AuthorizationRequest victimRequest = env.portal().authorizationRequest();
        Page victimQr = openDap(victim, victim.open(victimRequest.url()));
        Browser attacker = env.newBrowser();
        Page attackerQr = qrPage(env, attacker);

        env.dap().approve(DapPhone.scan(victimQr), "toth-anna");
        Page stolenLink = refresh(attacker, victimQr);
        Page attackersOwn = refresh(attacker, attackerQr);

        assertThat(stolenLink.isPortalRedirect()).isFalse();
        assertThat(stolenLink.text()).contains("A bejelentkezés lejárt, vagy egy másik böngészőben kezdődött.");
        assertThat(attackersOwn.isPortalRedirect()).isFalse();
        assertThat(attackersOwn.has("#dap-qr-image")).isTrue();
        Page victimDone = refresh(victim, victimQr);
        assertThat(victimDone.isPortalRedirect()).as("the approving customer is logged in: %s", victimDone).isTrue();
        assertThat(refresh(victim, victimQr).isPortalRedirect()).as("the result completes one login only").isFalse();
    }

    @Test
    void theRequestBehindAQrCodeIsAnsweredOnce(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        String content = DapPhone.scan(qr);
        env.dap().approve(content, "molnar-katalin");

        DapPhone.Outcome replay = env.dap().approve(content, "molnar-katalin");

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.error()).contains("refused the request_uri (HTTP 404)");
    }

    @Test
    void aDeclinedApprovalShowsAClearMessageAndANewQrCode(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        String declined = DapPhone.scan(qr);
        assertThat(env.dap().decline(declined).verifierStatus()).isEqualTo(200);

        Page again = refresh(browser, qr);

        assertThat(again.text()).contains("A bejelentkezést a DÁP alkalmazásban elutasította.");
        assertThat(DapPhone.scan(again)).isNotEqualTo(declined);
    }

    @Test
    void anExpiredQrCodeNoLongerWorksAndThePageShowsANewOne(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
            Browser browser = env.newBrowser();
            Page qr = qrPage(env, browser);
            String stale = DapPhone.scan(qr);
            Thread.sleep(6500);

            DapPhone.Outcome late = env.dap().approve(stale, "farkas-istvan");
            Page again = refresh(browser, qr);

            assertThat(late.error()).contains("refused the request_uri (HTTP 404)");
            assertThat(again.text()).contains("A QR kód lejárt. Kérjük, olvassa be az új QR kódot.");
            assertThat(DapPhone.scan(again)).isNotEqualTo(stale);
        });
    }

    @Test
    void aPresentationBoundToAnotherNonceIsRefusedAndRecorded(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);

        DapPhone.Outcome replayed = env.dap().replay(DapPhone.scan(qr), "kovacs-janos");
        Page again = refresh(browser, qr);

        assertThat(replayed.verifierStatus()).isEqualTo(400);
        assertThat(again.isPortalRedirect()).isFalse();
        assertThat(again.text()).contains("A DÁP alkalmazás válaszát nem tudtuk elfogadni.");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null))
                .anySatisfy(event -> assertThat(event).containsEntry("error", "dap_presentation_rejected"));
    }

    @Test
    void theQrPageGetsItsRetryPauseAndHoldLimitWrittenAsPlainNumbers(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);

        // FreeMarker groups digits ("2,000"), which JavaScript reads as NaN: the page would ask again without pause.
        assertThat(qr.document().selectFirst("#dap-qr").attr("data-retry-ms")).isEqualTo("2000");
        assertThat(qr.document().selectFirst("#dap-qr").attr("data-hold-ms")).isEqualTo("50000");
    }

    @Test
    void cancelVoidsTheQrSoTheWalletsLateApprovalIsRefusedAndTheBackButtonDoesNotLogIn(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-cancel");
        String userId = customer(env, email);
        assertThat(link(env, email, CANCEL_IDENTITY).isPortalRedirect()).isTrue();
        try {
            Browser browser = env.newBrowser();
            Page qr = qrPage(env, browser);
            // The customer has scanned (the wallet holds the request), then clicks "Mégse" on the computer.
            DapPhone.WalletPage scanned = env.dap().paste(DapPhone.scan(qr));
            Page unscannedQr = qrPage(env, browser);

            Page back = browser.open(qr.document().selectFirst("#dap-cancel").absUrl("href"));
            assertThat(back.has("#kc-form-login")).as("login page: %s", back).isTrue();

            assertThat(scanned.approve(CANCEL_IDENTITY)).as("the wallet's approval after cancel").isEqualTo(400);
            Page again = refresh(browser, qr);
            assertThat(again.isPortalRedirect()).as("the Back button after cancel: %s", again).isFalse();
            assertThat(again.text()).contains("A bejelentkezés lejárt, vagy egy másik böngészőben kezdődött.");
            assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null))
                    .anySatisfy(event -> assertThat(event).containsEntry("error", "dap_unknown_transaction"));

            // Another tab of the same browser, cancelled before its QR was scanned: the QR's request is gone.
            browser.open(unscannedQr.document().selectFirst("#dap-cancel").absUrl("href"));
            assertThat(env.dap().approve(DapPhone.scan(unscannedQr), CANCEL_IDENTITY).error())
                    .contains("refused the request_uri (HTTP 404)");
            assertThat(refresh(browser, unscannedQr).isPortalRedirect()).isFalse();
        } finally {
            env.admin().call("DELETE", "/users/" + userId + "/federated-identity/dap", null);
        }
    }

    @Test
    void cancelWhileLinkingVoidsTheQrSoNothingIsLinked(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("dap-cancel-link");
        String userId = customer(env, email);
        Browser browser = env.newBrowser();
        Page qr = startLinking(env, browser, email);
        assertThat(qr.has("#dap-qr-image")).as("linking QR page: %s", qr).isTrue();
        DapPhone.WalletPage scanned = env.dap().paste(DapPhone.scan(qr));

        Page back = browser.open(qr.document().selectFirst("#dap-cancel").absUrl("href"));
        assertThat(back.isPortalRedirect()).as("back to the portal: %s", back).isTrue();

        assertThat(scanned.approve(CANCEL_IDENTITY)).as("the wallet's approval after cancel").isEqualTo(400);
        assertThat(refresh(browser, qr).isPortalRedirect()).as("the Back button after cancel").isFalse();
        assertThat(env.admin().get("/users/" + userId + "/federated-identity", new TypeReference<List<Object>>() {
        })).as("nothing linked").isEmpty();
    }

    @Test
    void theWalletsAnswerIsRecordedAsAnEventWhenRefused(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        env.dap().decline(DapPhone.scan(qr));

        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null))
                .anySatisfy(event -> assertThat(event).containsEntry("error", "dap_declined"));
    }
}
