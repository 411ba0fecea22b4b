package hu.ugyfelportal.it.support;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's DÁP steps, shared by the DÁP tests and the others that log in or link with DÁP: the QR page, the
 * browser without JavaScript reloading it, and linking DÁP on the profile (kc_action=idp_link:dap) with the
 * simulator approving on the phone.
 */
public final class DapJourney {

    /** The password of the customers these steps create and link. */
    public static final String PASSWORD = "Dap-teszt-jelszo-1";
    /** A private-person client number, one of the types DÁP may be used for. */
    public static final String PRIVATE_PERSON = "12345678 | MAGANSZEMELY | Teszt Ügyfél";
    private static final Map<String, String> LINKING = Map.of("kc_action", "idp_link:dap");

    private DapJourney() {
    }

    /** On the login page: "Bejelentkezés DÁP-pal"; returns the QR page. */
    public static Page openDap(Browser browser, Page loginPage) {
        Page qr = browser.open(loginPage.document().selectFirst("#social-dap").absUrl("href"));
        assertThat(qr.has("#dap-qr-image")).as("QR page: %s", qr).isTrue();
        return qr;
    }

    /** The QR page of a new portal login. */
    public static Page qrPage(TestEnvironment env, Browser browser) {
        return qrPage(env, browser, Map.of());
    }

    /** The QR page of a new portal login with extra authorization parameters (e.g. ui_locales). */
    public static Page qrPage(TestEnvironment env, Browser browser, Map<String, String> parameters) {
        return openDap(browser, browser.open(env.portal().authorizationRequest(parameters).url()));
    }

    /** What a browser without JavaScript does: load the QR page again (its "continue" link). */
    public static Page refresh(Browser browser, Page qrPage) {
        return browser.open(qrPage.document().selectFirst("#dap-continue").absUrl("href"));
    }

    /** A new DÁP login that the given simulator identity approves; whether it ends at the portal. */
    public static boolean logsIn(TestEnvironment env, String identity) {
        Browser browser = env.newBrowser();
        Page qr = qrPage(env, browser);
        assertThat(env.dap().approve(DapPhone.scan(qr), identity).verifierStatus()).isEqualTo(200);
        return refresh(browser, qr).isPortalRedirect();
    }

    /** The portal's request to link DÁP to the logged-in customer. */
    public static PortalClient.AuthorizationRequest linkingRequest(PortalClient client) {
        return client.authorizationRequest(LINKING);
    }

    /** Logs in with {@link #PASSWORD} (and code), confirms linking DÁP; returns the next page (the QR page). */
    public static Page startLinking(TestEnvironment env, Browser browser, String email) {
        return startLinking(env, browser, linkingRequest(env.portal()), email);
    }

    /** {@link #startLinking(TestEnvironment, Browser, String)} through the given client's linking request. */
    public static Page startLinking(TestEnvironment env, Browser browser, PortalClient.AuthorizationRequest linking,
                                    String email) {
        Page login = browser.open(linking.url());
        Page confirm = LoginJourney.chooseFirstClientNumberIfAsked(browser,
                LoginJourney.passwordAndCode(env, browser, login, email, PASSWORD));
        return browser.submit(confirm, "form[action*=login-actions]", Map.of());
    }

    /** The whole linking journey with the given simulator identity approving on the phone; returns the last page. */
    public static Page link(TestEnvironment env, String email, String identity) {
        return link(env, linkingRequest(env.portal()), email, identity);
    }

    /** Links DÁP through the given client's linking request, for a user with {@link #PASSWORD}. */
    public static Page link(TestEnvironment env, PortalClient.AuthorizationRequest linking, String email,
                            String identity) {
        Browser browser = env.newBrowser();
        Page qr = startLinking(env, browser, linking, email);
        assertThat(qr.has("#dap-qr-image")).as("linking QR page: %s", qr).isTrue();
        assertThat(env.dap().approve(DapPhone.scan(qr), identity).verifierStatus()).isEqualTo(200);
        return refresh(browser, qr);
    }

    /** A new customer with one {@link #PRIVATE_PERSON} number, created as an administrator would; returns its id. */
    public static String customer(TestEnvironment env, String email) {
        return env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(PRIVATE_PERSON)));
    }

    /** A new customer with DÁP linked to the given simulator identity. */
    public static void linkedCustomer(TestEnvironment env, String prefix, String identity) {
        String email = AdminApi.uniqueEmail(prefix);
        customer(env, email);
        assertThat(link(env, email, identity).isPortalRedirect()).as("linked").isTrue();
    }
}
