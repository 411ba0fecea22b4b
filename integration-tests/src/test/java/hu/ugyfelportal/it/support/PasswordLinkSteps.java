package hu.ugyfelportal.it.support;

import org.jsoup.nodes.Element;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's steps through registration and forgotten password, shared by the journey tests: the link page,
 * the link request and its mail, the confirmation with the e-mailed code, the new password.
 */
public final class PasswordLinkSteps {

    public static final String RESET_FORM = "#kc-reset-password-form";
    public static final String REGISTRATION_FORM = "#kc-registration-form";
    public static final String CONFIRM_FORM = "#kc-link-confirm-form";
    public static final String PASSWORD_FORM = "#kc-passwd-update-form";

    private PasswordLinkSteps() {
    }

    /** Login page → "Elfelejtette a jelszavát?". */
    public static Page forgotPasswordPage(TestEnvironment env, Browser browser, Map<String, String> authParameters) {
        Page login = browser.open(env.portal().authorizationRequest(authParameters).url());
        Element link = login.document().selectFirst("#ugyfelportal-forgot-password-link");
        assertThat(link).as("forgotten-password link on %s", login).isNotNull();
        return browser.open(link.absUrl("href"));
    }

    public static Page forgotPasswordPage(TestEnvironment env, Browser browser) {
        return forgotPasswordPage(env, browser, Map.of());
    }

    /** Login page → "Regisztrációs oldal". */
    public static Page registrationPage(TestEnvironment env, Browser browser) {
        Page login = browser.open(env.portal().authorizationRequest().url());
        Element link = login.document().selectFirst("#ugyfelportal-registration-link");
        assertThat(link).as("registration link on %s", login).isNotNull();
        return browser.open(link.absUrl("href"));
    }

    public static Page submitEmail(Browser browser, Page page, String form, String email) {
        return browser.submit(page, form, Map.of("email", email));
    }

    /** Asks for the link on the given page and returns it from the mail that arrives. */
    public static String requestLink(TestEnvironment env, Browser browser, Page page, String form, String email) {
        int before = env.mail().mailsFor(email).size();
        Page sent = submitEmail(browser, page, form, email);
        assertThat(sent.has("#ugyfelportal-link-sent")).as("'sent' page: %s", sent).isTrue();
        return LoginJourney.linkFrom(LoginJourney.awaitMail(env, email, before));
    }

    /** On the page the link opened: "Kérem a kódot", then the e-mailed code; returns the page after the code. */
    public static Page confirmWithCode(TestEnvironment env, Browser browser, Page linkPage, String email) {
        assertThat(linkPage.has(CONFIRM_FORM)).as("confirmation page: %s", linkPage).isTrue();
        int before = env.mail().mailsFor(email).size();
        Page codePage = browser.submit(linkPage, CONFIRM_FORM, Map.of());
        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("e-mail code page: %s", codePage).isTrue();
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, before));
        return browser.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", code));
    }

    public static Page setPassword(Browser browser, Page passwordPage, String password) {
        assertThat(passwordPage.has(PASSWORD_FORM)).as("password page: %s", passwordPage).isTrue();
        return browser.submit(passwordPage, PASSWORD_FORM, Map.of("password-new", password, "password-confirm", password));
    }

    /** A fresh login with the password and the e-mailed code ends at the portal. */
    public static void assertCanLogIn(TestEnvironment env, String email, String password) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        Page done = LoginJourney.passwordAndCode(env, browser, login, email, password);
        assertThat(done.isPortalRedirect()).as("logged in: %s", done).isTrue();
    }
}
