package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import org.jsoup.nodes.Element;

import java.util.Map;

/** Complete browser logins as the load tests drive them: plain HTTP, forms parsed from the pages, tokens at the end. */
public final class Logins {

    /** The chooser page's form (client-number chooser); a load login takes the first client number offered. */
    private static final String CHOOSER_FORM = "#kc-client-number-form";

    private Logins() {
    }

    /**
     * One login through whatever the client's browser flow shows: password, the e-mailed code when asked,
     * the chooser when shown; then the code is exchanged for tokens.
     */
    public static PortalClient.Tokens login(TestEnvironment env, PortalClient client, String email, String password) {
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = client.authorizationRequest();
        Page page = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, password);
        if (page.has(CHOOSER_FORM)) {
            page = chooseFirst(browser, page);
        }
        if (!page.isPortalRedirect()) {
            throw new AssertionError("Login of " + email + " did not reach the portal: " + page);
        }
        return client.exchange(request, page);
    }

    private static Page chooseFirst(Browser browser, Page chooser) {
        Element form = chooser.document().selectFirst(CHOOSER_FORM);
        Element option = form.selectFirst("input[type=radio], button[name][value]");
        if (option == null) {
            throw new AssertionError("The chooser offers nothing to pick: " + chooser);
        }
        return browser.submit(chooser, CHOOSER_FORM, Map.of(option.attr("name"), option.attr("value")));
    }
}
