package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;

/** Registers the DÁP identity provider type ({@value #PROVIDER_ID}) and describes its settings for the admin console. */
public class DapIdentityProviderFactory extends AbstractIdentityProviderFactory<DapIdentityProvider> {

    public static final String PROVIDER_ID = "dap";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "DÁP (OpenID4VP, SD-JWT VC)";
    }

    @Override
    public DapIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new DapIdentityProvider(session, new DapIdentityProviderModel(model));
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new DapIdentityProviderModel();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DapConfig.QR_SCHEME).label("QR link scheme").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_QR_SCHEME)
                .helpText("How the QR code's link starts: the wallet's scheme (openid4vp://) or its https link.").add()
                .property().name(DapConfig.CREDENTIAL_TYPE).label("PID credential type (vct)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_CREDENTIAL_TYPE).add()
                .property().name(DapConfig.REQUESTED_CLAIMS).label("Requested PID claims").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_REQUESTED_CLAIMS).helpText("Comma-separated top-level claim names.").add()
                .property().name(DapConfig.SUBJECT_CLAIMS).label("Subject claims").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_SUBJECT_CLAIMS)
                .helpText("Requested claims that identify the person for good; their SHA-256 is the linked identity.").add()
                .property().name(DapConfig.RESPONSE_MODE).label("Response mode").type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(ResponseMode.values()).map(ResponseMode::parameter).toList())
                .defaultValue(DapConfig.DEFAULT_RESPONSE_MODE)
                .helpText("direct_post.jwt: the wallet encrypts its answer to a key made for each login.").add()
                .property().name(DapConfig.TRUSTED_ISSUERS).label("Trusted PID issuer certificates (PEM)")
                .type(ProviderConfigProperty.TEXT_TYPE).helpText("Issuer signing certificates trusted as they are (pinned).").add()
                .property().name(DapConfig.TRUSTED_ISSUER_CAS).label("Trusted PID issuer CA certificates (PEM)")
                .type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("Trust anchors: a PID whose x5c chain validates to one of these (no revocation check) is trusted.").add()
                .property().name(DapConfig.SIGNING_KEY).label("Request signing key (PEM, PKCS#8 EC P-256)")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(DapConfig.SIGNING_CERTIFICATES).label("Request signing certificate chain (PEM, leaf first)")
                .type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("The leaf's DNS subjectAltName becomes the client_id (x509_san_dns:) and must be this server's host.").add()
                .property().name(DapConfig.REQUEST_LIFETIME).label("QR lifetime (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_REQUEST_LIFETIME)).add()
                .property().name(DapConfig.KEY_BINDING_MAX_AGE).label("Key-binding max age (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_KEY_BINDING_MAX_AGE)).add()
                .property().name(DapConfig.CLOCK_SKEW).label("Clock skew (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_CLOCK_SKEW)).add()
                .property().name(DapConfig.POLL_INTERVAL).label("QR page poll interval (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_POLL_INTERVAL)).add()
                .build();
    }
}
