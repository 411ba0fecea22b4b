package hu.ugyfelportal.it.clientnumber;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.ClientNumberAdmin;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The client-number chooser after the password (and code) steps, and the claims it puts into the tokens. */
@ExtendWith(UgyfelportalExtension.class)
class ClientNumberLoginIT {

    private static final String PASSWORD = "Teszt-jelszo-1";
    private static final String PRIVATE = "31000001 | MAGANSZEMELY | Kovács Anna";
    private static final String COMPANY = "31000002 | CEG | Kovács és Fia Kft.";

    @Test
    void severalClientNumbersShowTheChooserWithNumberTypeAndName(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser();

        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(env.portal().authorizationRequest().url()),
                email, PASSWORD);

        assertThat(chooser.has(LoginJourney.CHOOSER_FORM)).as("chooser page: %s", chooser).isTrue();
        assertThat(chooser.document().select("#kc-page-title").text()).isEqualTo("Ügyfél kiválasztása");
        assertThat(choiceText(chooser, "31000001")).contains("Kovács Anna", "31000001", "Magánszemély");
        assertThat(choiceText(chooser, "31000002")).contains("Kovács és Fia Kft.", "31000002", "Cég");
        assertThat(chooser.text()).contains("Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.");
    }

    @Test
    void chooserSpeaksEnglishWhenAsked(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser().acceptLanguage("en");

        Page chooser = LoginJourney.passwordAndCode(env, browser,
                browser.open(env.portal().authorizationRequest(Map.of("ui_locales", "en")).url()), email, PASSWORD);

        assertThat(chooser.document().select("#kc-page-title").text()).isEqualTo("Choose a client");
        assertThat(choiceText(chooser, "31000002")).contains("Company");
    }

    @Test
    void eachChoiceReachesIdTokenAccessTokenAndUserinfo(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        for (String[] expected : List.of(
                new String[]{"31000001", "MAGANSZEMELY", "Kovács Anna"},
                new String[]{"31000002", "CEG", "Kovács és Fia Kft."})) {
            PortalClient.Tokens tokens = loginChoosing(env, env.newBrowser(), email, expected[0]);

            Map<String, Object> claims = Map.of("client_number", expected[0], "client_type", expected[1],
                    "client_name", expected[2]);
            assertThat(tokens.idTokenClaims()).containsAllEntriesOf(claims);
            assertThat(tokens.accessTokenClaims()).containsAllEntriesOf(claims);
            assertThat(env.portal().userInfo(tokens)).containsAllEntriesOf(claims);
        }
    }

    @Test
    void singleClientNumberIsChosenWithoutAPage(TestEnvironment env) {
        String email = customer(env, PRIVATE);
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();

        Page done = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD);

        assertThat(done.isPortalRedirect()).as("straight to the portal: %s", done).isTrue();
        assertThat(env.portal().exchange(request, done).idTokenClaims())
                .containsEntry("client_number", "31000001")
                .containsEntry("client_type", "MAGANSZEMELY")
                .containsEntry("client_name", "Kovács Anna");
    }

    @Test
    void noClientNumberEndsTheLoginWithTheCustomerServiceContact(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("ugyfelszam-nelkul");
        String userId = env.admin().createUser(email, PASSWORD, Map.of());
        Browser browser = env.newBrowser();

        Page error = LoginJourney.passwordAndCode(env, browser,
                browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);

        assertThat(error.isPortalRedirect()).as("no way into the portal: %s", error).isFalse();
        assertThat(error.text()).contains("admin@legitimo.hu", "+36-1/486-36-00");
        assertThat(env.admin().events("LOGIN_ERROR", userId))
                .anySatisfy(event -> assertThat(event.get("error")).isEqualTo("client_number_none_eligible"));
        assertThat(env.admin().events("LOGIN", userId)).isEmpty();
    }

    @Test
    void aNumberTheUserDoesNotHoldIsRefusedLoggedAndNeverReachesAToken(TestEnvironment env) {
        customer(env, "32000009 | CEG | Másik Ügyfél Kft.");
        String email = AdminApi.uniqueEmail("ugyfelszam");
        String userId = env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE, COMPANY)));
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD);

        Page refused = browser.submit(chooser, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", "32000009"));

        assertThat(refused.isPortalRedirect()).as("refused: %s", refused).isFalse();
        assertThat(refused.has(LoginJourney.CHOOSER_FORM)).isTrue();
        assertThat(refused.text()).contains("A kiválasztott ügyfélszámmal nem lehet belépni.");
        assertThat(env.admin().events("LOGIN_ERROR", userId)).anySatisfy(event -> {
            assertThat(event.get("error")).isEqualTo("client_number_not_eligible");
            assertThat(AdminApi.details(event)).containsEntry("client_number", "32000009");
        });

        Page done = browser.submit(refused, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", "31000002"));
        assertThat(env.portal().exchange(request, done).accessTokenClaims())
                .containsEntry("client_number", "31000002");
        assertThat(env.admin().events("LOGIN", userId)).singleElement()
                .satisfies(event -> assertThat(AdminApi.details(event)).containsEntry("client_number", "31000002"));
    }

    @Test
    void namesAreHtmlEscapedOnTheChooser(TestEnvironment env) {
        String email = customer(env, PRIVATE, "31000003 | TARSASHAZ | <b id=\"injected\">Fő utca</b> & Társai");
        Browser browser = env.newBrowser();

        Page chooser = LoginJourney.passwordAndCode(env, browser,
                browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);

        assertThat(chooser.has("#injected")).isFalse();
        assertThat(chooser.html()).contains("&lt;b id=&quot;injected&quot;&gt;Fő utca&lt;/b&gt; &amp; Társai");
        assertThat(choiceText(chooser, "31000003")).contains("<b id=\"injected\">Fő utca</b> & Társai", "Társasház");
    }

    @Test
    void singleSignOnToAnotherClientKeepsTheChoice(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser();
        loginChoosing(env, browser, email, "31000002");
        PortalClient otherClient = secondClient(env);

        PortalClient.AuthorizationRequest request = otherClient.authorizationRequest();
        Page sso = browser.open(request.url());

        assertThat(sso.isPortalRedirect()).as("single sign-on without pages: %s", sso).isTrue();
        PortalClient.Tokens tokens = otherClient.exchange(request, sso);
        assertThat(tokens.idTokenClaims()).containsEntry("client_number", "31000002")
                .containsEntry("client_type", "CEG");
        assertThat(tokens.accessTokenClaims()).containsEntry("client_number", "31000002");
    }

    @Test
    void aNewLoginWithPromptLoginAllowsAnotherChoice(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser();
        loginChoosing(env, browser, email, "31000002");

        PortalClient.AuthorizationRequest again = env.portal().authorizationRequest(Map.of("prompt", "login"));
        Page login = browser.open(again.url());
        Page chooser = LoginJourney.passwordAndCode(env, browser, login, email, PASSWORD);
        Page done = browser.submit(chooser, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", "31000001"));

        assertThat(env.portal().exchange(again, done).idTokenClaims())
                .containsEntry("client_number", "31000001")
                .containsEntry("client_type", "MAGANSZEMELY");
        PortalClient.AuthorizationRequest sso = env.portal().authorizationRequest();
        assertThat(env.portal().exchange(sso, browser.open(sso.url())).idTokenClaims())
                .as("the session now carries the new choice")
                .containsEntry("client_number", "31000001");
    }

    @Test
    void afterLogoutTheNextLoginAsksAgain(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser();
        PortalClient.Tokens tokens = loginChoosing(env, browser, email, "31000002");

        Page loggedOut = browser.open(env.keycloak().baseUrl() + "/realms/" + env.realm()
                + "/protocol/openid-connect/logout?id_token_hint=" + tokens.idToken()
                + "&post_logout_redirect_uri=" + URLEncoder.encode(env.portalUrl() + "/", StandardCharsets.UTF_8));
        assertThat(loggedOut.isPortalRedirect()).as("back at the portal: %s", loggedOut).isTrue();

        PortalClient.AuthorizationRequest again = env.portal().authorizationRequest();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(again.url()), email, PASSWORD);
        assertThat(chooser.has(LoginJourney.CHOOSER_FORM)).as("the chooser again: %s", chooser).isTrue();
        Page done = browser.submit(chooser, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", "31000001"));
        assertThat(env.portal().exchange(again, done).idTokenClaims()).containsEntry("client_number", "31000001");
    }

    @Test
    void aClientNumberRemovedMidSessionLeavesTheRefreshedTokensAndIsLogged(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("ugyfelszam");
        String userId = env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE, COMPANY)));
        PortalClient.Tokens tokens = loginChoosing(env, env.newBrowser(), email, "31000002");
        assertThat(tokens.accessTokenClaims()).containsEntry("client_number", "31000002");

        ClientNumberAdmin.setClientNumbers(env, userId, List.of(PRIVATE));
        PortalClient.Tokens refreshed = env.portal().refresh(tokens);

        assertThat(refreshed.accessTokenClaims()).doesNotContainKeys("client_number", "client_type", "client_name");
        assertThat(refreshed.idTokenClaims()).doesNotContainKeys("client_number", "client_type", "client_name");
        assertThat(env.portal().userInfo(refreshed)).doesNotContainKeys("client_number", "client_type", "client_name");
        assertThat(env.admin().events("REFRESH_TOKEN_ERROR", userId)).anySatisfy(event -> {
            assertThat(event.get("error")).isEqualTo("client_number_no_longer_held");
            assertThat(AdminApi.details(event)).containsEntry("client_number", "31000002");
        });
        assertThat(env.admin().events("USER_INFO_REQUEST_ERROR", userId))
                .anySatisfy(event -> assertThat(event.get("error")).isEqualTo("client_number_no_longer_held"));
    }

    @Test
    void aRenamedClientNumberShowsItsNewNameOnRefresh(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("ugyfelszam");
        String userId = env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(COMPANY)));
        PortalClient.Tokens tokens = loginChoosing(env, env.newBrowser(), email, "31000002");

        ClientNumberAdmin.setClientNumbers(env, userId, List.of("31000002 | CEG | Kovács és Fia Zrt."));

        assertThat(env.portal().refresh(tokens).accessTokenClaims())
                .containsEntry("client_number", "31000002")
                .containsEntry("client_name", "Kovács és Fia Zrt.");
    }

    @Test
    void customersNeitherSeeNorChangeTheirClientNumbersInTheAccountApi(TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("fiokadatok");
        String userId = env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE)));
        PortalClient.Tokens tokens = loginChoosing(env, env.newBrowser(), email, "31000001");
        String account = env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/";
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> profile = http.send(HttpRequest.newBuilder(URI.create(account + "?userProfileMetadata=true"))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        assertThat(profile.body()).contains(email).doesNotContain("\"ugyfelszam\"", "31000001");

        String update = JsonSerialization.writeValueAsString(Map.of("username", email, "email", email,
                "firstName", "Teszt", "lastName", "Ügyfél",
                "attributes", Map.of("ugyfelszam", List.of("39999999 | CEG | Saját Kft."))));
        HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(updated.statusCode()).as("the account API answered: %s", updated.body()).isIn(204, 400);
        assertThat(ClientNumberAdmin.user(env, userId).getAttributes().get("ugyfelszam")).containsExactly(PRIVATE);
    }

    @Test
    void demoCustomersHaveTheirClientNumbers(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page chooser = LoginJourney.passwordAndCode(env, browser,
                browser.open(env.portal().authorizationRequest().url()), "kovacs.janos@example.hu", "Demo-jelszo-1");
        assertThat(chooser.document().select(LoginJourney.CHOOSER_FORM + " button[name=clientNumber]")).hasSize(2);
        assertThat(choiceText(chooser, "10000001")).contains("Magánszemély");
        assertThat(choiceText(chooser, "20000001")).contains("Cég");

        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Browser other = env.newBrowser();
        Page done = LoginJourney.passwordAndCode(env, other, other.open(request.url()), "fekete.epito.kft@example.hu",
                "Demo-jelszo-3");
        assertThat(env.portal().exchange(request, done).idTokenClaims()).containsEntry("client_type", "CEG");
    }

    /** Logs in with a fresh authorization request, picks the number on the chooser (if shown), returns the tokens. */
    private static PortalClient.Tokens loginChoosing(TestEnvironment env, Browser browser, String email, String number) {
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD);
        Page done = chooser.isPortalRedirect()
                ? chooser
                : browser.submit(chooser, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", number));
        assertThat(done.isPortalRedirect()).as("redirected to the portal: %s", done).isTrue();
        return env.portal().exchange(request, done);
    }

    private static String customer(TestEnvironment env, String... clientNumbers) {
        return Customer.withClientNumbers(env, "ugyfelszam", PASSWORD, clientNumbers).email();
    }

    private static String choiceText(Page chooser, String number) {
        Element button = chooser.document().selectFirst(LoginJourney.CHOOSER_FORM + " button[name=clientNumber][value=" + number + "]");
        assertThat(button).as("a choice for %s on %s", number, chooser).isNotNull();
        return button.text();
    }


    /** A second portal-like application of the realm, created as an administrator would. */
    private static PortalClient secondClient(TestEnvironment env) {
        String clientId = "masik-alkalmazas-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "masik-titok-" + UUID.randomUUID();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setStandardFlowEnabled(true);
        // Like every client of the realm, only the browser flow (Keycloak would turn the password grant on).
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(env.portalUrl() + "/*"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        env.admin().call("POST", "/clients", client).expect(201);
        List<Map<String, Object>> found = env.admin().get("/clients?clientId=" + clientId, new TypeReference<>() {
        });
        assertThat(found).hasSize(1);
        return env.client(clientId, secret);
    }
}
