package hu.ugyfelportal.it.support;

import hu.ugyfelportal.mailcatcher.ReceivedMail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Complete browser logins as the load tests drive them: plain HTTP, forms parsed from the pages, tokens at the end. */
public final class Logins {

    /** The steps of one login, in order; a flow without a step leaves it out. */
    public enum Step {
        /** The authorization request, answered with the login page. */
        LOGIN_PAGE,
        /** Username and password; in our flow Keycloak also renders and sends the code e-mail inside this request. */
        PASSWORD,
        /** The load generator waiting until the mail is in the SMTP server and reading the code from it. */
        MAIL_WAIT,
        CODE,
        CHOOSER,
        /** The authorization code exchanged for tokens at the token endpoint. */
        TOKEN
    }

    /** A completed login and how long each of its steps took, in nanoseconds. */
    public record Timed(PortalClient.Tokens tokens, Map<Step, Long> stepNanos) {
    }

    private Logins() {
    }

    /**
     * One login through whatever the client's browser flow shows: password, the e-mailed code when asked,
     * the chooser when shown; then the code is exchanged for tokens.
     */
    public static PortalClient.Tokens login(TestEnvironment env, PortalClient client, String email, String password) {
        return timedLogin(env, client, email, password).tokens();
    }

    /** {@link #login}, timing each step. */
    public static Timed timedLogin(TestEnvironment env, PortalClient client, String email, String password) {
        Map<Step, Long> steps = new LinkedHashMap<>();
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = client.authorizationRequest();
        Page loginPage = timed(steps, Step.LOGIN_PAGE, () -> browser.open(request.url()));
        int mailsBefore = env.mail().mailsFor(email).size();
        Page page = timed(steps, Step.PASSWORD,
                () -> LoginJourney.submitPassword(browser, loginPage, email, password));
        if (page.has(LoginJourney.CODE_FORM)) {
            Page codePage = page;
            ReceivedMail mail = timed(steps, Step.MAIL_WAIT, () -> LoginJourney.awaitMail(env, email, mailsBefore));
            page = timed(steps, Step.CODE, () -> browser.submit(codePage, LoginJourney.CODE_FORM,
                    Map.of("code", LoginJourney.codeFrom(mail))));
        }
        if (page.has(LoginJourney.CHOOSER_FORM)) {
            Page chooser = page;
            page = timed(steps, Step.CHOOSER, () -> LoginJourney.chooseFirstClientNumberIfAsked(browser, chooser));
        }
        if (!page.isPortalRedirect()) {
            throw new AssertionError("Login of " + email + " did not reach the portal: " + page);
        }
        Page redirect = page;
        PortalClient.Tokens tokens = timed(steps, Step.TOKEN, () -> client.exchange(request, redirect));
        return new Timed(tokens, steps);
    }

    private static <T> T timed(Map<Step, Long> steps, Step step, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        steps.put(step, System.nanoTime() - start);
        return result;
    }
}
