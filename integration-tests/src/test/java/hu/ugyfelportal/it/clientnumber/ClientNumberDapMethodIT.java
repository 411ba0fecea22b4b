package hu.ugyfelportal.it.clientnumber;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chooser configured with login method DAP, as the DÁP identity provider's post-login flow uses it. Here it
 * follows a password step in a flow an administrator builds through the Admin API and binds to a test client,
 * which isolates the chooser's filtering from the DÁP login itself.
 */
@ExtendWith(UgyfelportalExtension.class)
class ClientNumberDapMethodIT {

    private static final String PASSWORD = "Teszt-jelszo-1";
    private static final String PRIVATE = "61000001 | MAGANSZEMELY | Szűcs Ilona";
    private static final String SOLE_TRADER = "61000002 | EGYENI_VALLALKOZO | Szűcs Ilona ev.";
    private static final String COMPANY = "61000003 | CEG | Szűcs Kft.";
    private static final String CONDOMINIUM = "61000004 | TARSASHAZ | Kert utca 5. Társasház";

    private static PortalClient dapClient;

    @BeforeAll
    static void clientWhoseBrowserFlowEndsInADapChooser(TestEnvironment env) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String flow = "dap-chooser-" + run;
        env.admin().call("POST", "/authentication/flows", Map.of("alias", flow, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "description", "test: password, then the DAP chooser")).expect(201);
        for (String provider : List.of("auth-username-password-form", "ugyfelportal-client-number-chooser")) {
            env.admin().call("POST", "/authentication/flows/" + flow + "/executions/execution",
                    Map.of("provider", provider)).expect(201);
        }
        List<Map<String, Object>> executions = env.admin().get("/authentication/flows/" + flow + "/executions",
                new TypeReference<>() {
                });
        for (Map<String, Object> execution : executions) {
            Map<String, Object> required = new HashMap<>(execution);
            required.put("requirement", "REQUIRED");
            env.admin().call("PUT", "/authentication/flows/" + flow + "/executions", required).expect(204);
        }
        String chooserId = executions.stream()
                .filter(execution -> "ugyfelportal-client-number-chooser".equals(execution.get("providerId")))
                .map(execution -> (String) execution.get("id")).findFirst().orElseThrow();
        env.admin().call("POST", "/authentication/executions/" + chooserId + "/config",
                Map.of("alias", "dap-" + run, "config", Map.of("loginMethod", "DAP"))).expect(201);
        String flowId = env.admin().get("/authentication/flows", new TypeReference<List<Map<String, Object>>>() {
                }).stream().filter(f -> flow.equals(f.get("alias"))).map(f -> (String) f.get("id"))
                .findFirst().orElseThrow();

        String clientId = "dap-chooser-" + run;
        String secret = "titok-" + UUID.randomUUID();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(env.portalUrl() + "/*"));
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        env.admin().call("POST", "/clients", client).expect(201);
        dapClient = env.client(clientId, secret);
    }

    @Test
    void dapOffersOnlyPrivatePersonSoleTraderAndPrimaryProducer(TestEnvironment env) {
        String email = customer(env, PRIVATE, SOLE_TRADER, COMPANY, CONDOMINIUM);
        Browser browser = env.newBrowser();

        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(dapClient.authorizationRequest().url()),
                email, PASSWORD);

        assertThat(chooser.document().select(LoginJourney.CHOOSER_FORM + " button[name=clientNumber]"))
                .extracting(button -> button.attr("value")).containsExactly("61000001", "61000002");
    }

    @Test
    void oneDapEligibleNumberIsChosenWithoutAPage(TestEnvironment env) {
        String email = customer(env, PRIVATE, COMPANY);
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = dapClient.authorizationRequest();

        Page done = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD);

        assertThat(done.isPortalRedirect()).as("no chooser: %s", done).isTrue();
        assertThat(dapClient.exchange(request, done).idTokenClaims()).containsEntry("client_number", "61000001")
                .containsEntry("client_type", "MAGANSZEMELY");
    }

    @Test
    void companyOnlyCustomerGetsTheFaqExplanationAndNoLogin(TestEnvironment env) {
        String email = customer(env, COMPANY, CONDOMINIUM);
        Browser browser = env.newBrowser();

        Page error = LoginJourney.passwordAndCode(env, browser, browser.open(dapClient.authorizationRequest().url()),
                email, PASSWORD);

        assertThat(error.isPortalRedirect()).isFalse();
        assertThat(error.text()).contains("Az Ügyfélportálon a DÁP azonosítás csak magánszemélyként, egyéni "
                + "vállalkozóként, vagy őstermelőként használható. Cégként és társasházként továbbra is csak "
                + "felhasználónevével és jelszavával tud belépni az Ügyfélportálra.");
    }

    @Test
    void aCompanyNumberSubmittedAfterDapIsRefused(TestEnvironment env) {
        String email = customer(env, PRIVATE, SOLE_TRADER, COMPANY);
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = dapClient.authorizationRequest();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD);

        Page refused = browser.submit(chooser, LoginJourney.CHOOSER_FORM, Map.of("clientNumber", "61000003"));

        assertThat(refused.isPortalRedirect()).isFalse();
        assertThat(refused.text()).contains("A kiválasztott ügyfélszámmal nem lehet belépni.");
    }

    private static String customer(TestEnvironment env, String... clientNumbers) {
        return Customer.withClientNumbers(env, "dap-valaszto", PASSWORD, clientNumbers).email();
    }
}
