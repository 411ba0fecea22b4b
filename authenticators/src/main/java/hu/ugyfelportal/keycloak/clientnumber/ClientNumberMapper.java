package hu.ugyfelportal.keycloak.clientnumber;

import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the client number chosen at login into tokens and userinfo as {@code client_number}, {@code client_type}
 * and {@code client_name}. Every time a token is issued or refreshed it checks that the user still holds that
 * client number (an administrator may have removed it mid-session); if not, the claims are left out and an event
 * is logged, so the portal never shows an account the customer no longer has.
 */
public final class ClientNumberMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "ugyfelportal-client-number-mapper";
    public static final String CLAIM_NUMBER = "client_number";
    public static final String CLAIM_TYPE = "client_type";
    public static final String CLAIM_NAME = "client_name";
    static final String ERROR_NO_LONGER_HELD = "client_number_no_longer_held";
    /** One event per request, although the mapper runs for each token of the response. */
    private static final String REPORTED = ClientNumberMapper.class.getName() + ".reported";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG_PROPERTIES, ClientNumberMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: chosen client number";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The client number (ügyfélszám) chosen at login, as client_number, client_type and client_name; "
                + "left out if the user no longer holds it.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        ChosenClientNumber.of(userSession).ifPresent(chosen -> chosen.stillHeldBy(userSession.getUser())
                .ifPresentOrElse(clientNumber -> {
                    Map<String, Object> claims = token.getOtherClaims();
                    claims.put(CLAIM_NUMBER, clientNumber.number());
                    claims.put(CLAIM_TYPE, clientNumber.type().name());
                    claims.put(CLAIM_NAME, clientNumber.name());
                }, () -> reportOnce(session, userSession, chosen)));
    }

    private static void reportOnce(KeycloakSession session, UserSessionModel userSession, ChosenClientNumber chosen) {
        if (session.getAttribute(REPORTED) != null) {
            return;
        }
        session.setAttribute(REPORTED, Boolean.TRUE);
        new EventBuilder(userSession.getRealm(), session, session.getContext().getConnection())
                .event(eventType(session))
                .client(session.getContext().getClient())
                .user(userSession.getUser())
                .session(userSession)
                .detail(ClientNumberChooser.EVENT_DETAIL, chosen.number())
                .error(ERROR_NO_LONGER_HELD);
    }

    /** The request whose answer lacks the claims: userinfo, introspection, a refresh, or the code exchange. */
    private static EventType eventType(KeycloakSession session) {
        String path = session.getContext().getUri().getPath();
        if (path.endsWith("/userinfo")) {
            return EventType.USER_INFO_REQUEST_ERROR;
        }
        if (path.endsWith("/introspect")) {
            return EventType.INTROSPECT_TOKEN_ERROR;
        }
        String grantType = session.getContext().getHttpRequest().getDecodedFormParameters()
                .getFirst(OAuth2Constants.GRANT_TYPE);
        return OAuth2Constants.REFRESH_TOKEN.equals(grantType)
                ? EventType.REFRESH_TOKEN_ERROR
                : EventType.CODE_TO_TOKEN_ERROR;
    }
}
