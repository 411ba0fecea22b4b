package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;

/** Complete browser logins as the load tests drive them: plain HTTP, forms parsed from the pages, tokens at the end. */
public final class Logins {

    private Logins() {
    }

    /**
     * One login through whatever the client's browser flow shows: password, the e-mailed code when asked,
     * the chooser when shown; then the code is exchanged for tokens.
     */
    public static PortalClient.Tokens login(TestEnvironment env, PortalClient client, String email, String password) {
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = client.authorizationRequest();
        Page page = LoginJourney.chooseFirstClientNumberIfAsked(browser,
                LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, password));
        if (!page.isPortalRedirect()) {
            throw new AssertionError("Login of " + email + " did not reach the portal: " + page);
        }
        return client.exchange(request, page);
    }
}
