package hu.ugyfelportal.keycloak.locale;

import org.keycloak.locale.DefaultLocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Locale;

/**
 * One language per login. Keycloak's own selector prefers the user's stored {@code locale} as soon as the flow knows
 * the user, so a login that began in the browser's language switched to the stored one from the second page on. This
 * one pins the language the login's first page was shown in (Keycloak's rule: the customer's pick, the client's
 * {@code ui_locales}, the locale cookie, the browser's languages, the realm's default) in the authentication session
 * and keeps it for every page and mail of that login. A pick during the login ({@code kc_locale}, the language switch)
 * still wins, and Keycloak stores it as the user's preference when the login ends. Outside a login (the account
 * console, a mail sent later) nothing changes: the stored preference comes first, as in Keycloak.
 */
public final class LoginLocaleSelector extends DefaultLocaleSelectorProvider {

    /** The login's language, an auth note; Keycloak clears it with the others when the flow starts again. */
    static final String LOGIN_LOCALE = "ugyfelportal.loginLocale";

    private final KeycloakSession session;

    LoginLocaleSelector(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public Locale resolveLocale(RealmModel realm, UserModel user, boolean ignoreAcceptLanguageHeader) {
        AuthenticationSessionModel login = session.getContext().getAuthenticationSession();
        if (login == null || !realm.isInternationalizationEnabled() || login.getAuthNote(USER_REQUEST_LOCALE) != null) {
            return super.resolveLocale(realm, user, ignoreAcceptLanguageHeader);
        }
        String pinned = login.getAuthNote(LOGIN_LOCALE);
        if (pinned != null && isSupported(realm, pinned)) {
            return Locale.forLanguageTag(pinned);
        }
        // The first page of the login: the user is not known yet, unless Keycloak already knows them (a re-login).
        Locale locale = super.resolveLocale(realm, user, ignoreAcceptLanguageHeader);
        login.setAuthNote(LOGIN_LOCALE, locale.toLanguageTag());
        return locale;
    }

    /** An operator may drop a language while logins are under way. */
    private static boolean isSupported(RealmModel realm, String languageTag) {
        return realm.getSupportedLocalesStream().anyMatch(languageTag::equals);
    }
}
