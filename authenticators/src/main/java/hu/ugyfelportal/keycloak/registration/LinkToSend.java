package hu.ugyfelportal.keycloak.registration;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.UUID;

/**
 * What a link mail needs from the request, read in a few cheap steps while the customer waits; the link itself
 * (Keycloak's reset-credentials action token, signed) and the mail are made from it later, after the answer when
 * accounts are hidden, so a known address does no more before its answer than an unknown one.
 *
 * @param urlWithPlaceholder Keycloak's own action-token URL of this login (execution, tab, client data), with
 *                           {@link #KEY_PLACEHOLDER} where the token goes
 * @param expiresAt          Keycloak time (seconds) when the link stops working
 */
record LinkToSend(LinkPurpose purpose, String userId, String email, int expiresAt, long lifetimeMinutes,
                  String compoundAuthSessionId, String clientId, URI baseUri, String urlWithPlaceholder) {

    /** Base64url and dots never make this, so it stands only where the token goes. */
    private static final String KEY_PLACEHOLDER = "LINK-KEY-PLACEHOLDER";

    static LinkToSend of(AuthenticationFlowContext context, String userId, String email, LinkPurpose purpose,
                         PasswordLinkConfig config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long lifetimeSeconds = config.linkLifetime().toSeconds();
        return new LinkToSend(purpose, userId, email, (int) (Time.currentTimeSeconds() + lifetimeSeconds),
                // Rounded up, so a link that still works is never announced as "0 minutes".
                (lifetimeSeconds + 59) / 60,
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                authSession.getClient().getClientId(), context.getUriInfo().getBaseUri(),
                context.getActionTokenUrl(KEY_PLACEHOLDER).toString());
    }

    /** Signs the link (as {@code DefaultActionToken.serialize} does, without the request) and wraps it in its mail. */
    LinkMail mail(KeycloakSession session, RealmModel realm) {
        ResetCredentialsActionToken token = new ResetCredentialsActionToken(userId, email, expiresAt,
                compoundAuthSessionId, clientId);
        String issuer = Urls.realmIssuer(baseUri, realm.getName());
        token.issuedNow().id(UUID.randomUUID().toString()).issuer(issuer).audience(issuer);
        String link = urlWithPlaceholder.replace(KEY_PLACEHOLDER, session.tokens().encode(token));
        return new LinkMail(purpose, link, lifetimeMinutes);
    }

    boolean expired() {
        return Time.currentTimeSeconds() >= expiresAt;
    }
}
