package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.protocol.ClientIdPrefix;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.qr.PageVerdicts;
import hu.ugyfelportal.keycloak.dap.qr.QrPageWaiters;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.StatusListSettings;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Registers the DÁP identity provider type ({@value #PROVIDER_ID}) and describes its settings for the admin console.
 * It also owns this node's {@link QrPageWaiters} (the open status streams of waiting QR pages) and the one thread
 * that checks them, from Keycloak's start to its shutdown.
 */
public class DapIdentityProviderFactory extends AbstractIdentityProviderFactory<DapIdentityProvider>
        implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "dap";
    /**
     * Open status streams per node. A server option of this provider in the SPI {@code identity_provider}:
     * {@code spi-identity_provider--dap--max-waiting-pages}, with the SPI name's underscore, on the command line or in
     * {@code keycloak.conf}; {@code KC_SPI_IDENTITY_PROVIDER__DAP__MAX_WAITING_PAGES} in the environment.
     */
    static final String MAX_WAITING_PAGES = "maxWaitingPages";
    static final int DEFAULT_MAX_WAITING_PAGES = 5000;
    private static final long SWEEP_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(DapIdentityProviderFactory.class);

    /** Enough for every realm's DÁP settings at once; more only when settings change often, then it starts afresh. */
    private static final int MAX_PARSED_CONFIGS = 32;

    /**
     * Settings already parsed, by their raw values: parsing the PEM key and certificates again on every request of a
     * waiting QR page cost about as much as the rest of the request. Values only, no login state.
     */
    private final Map<Map<String, String>, DapConfig> parsedConfigs = new ConcurrentHashMap<>();
    private final Set<List<Object>> reportedSettings = ConcurrentHashMap.newKeySet();
    private int maxWaitingPages = DEFAULT_MAX_WAITING_PAGES;
    private ScheduledExecutorService checker;
    private QrPageWaiters waitingPages;

    @Override
    public void init(Config.Scope config) {
        maxWaitingPages = config.getInt(MAX_WAITING_PAGES, DEFAULT_MAX_WAITING_PAGES);
    }

    /** Shown under Provider info in the master realm's admin console, so an operator sees the limit in force. */
    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of(MAX_WAITING_PAGES, String.valueOf(maxWaitingPages));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dap-qr-page-waiters");
            thread.setDaemon(true);
            return thread;
        });
        waitingPages = new QrPageWaiters(maxWaitingPages, PageVerdicts.storesOf(factory), DapClock::now, checker);
        checker.scheduleWithFixedDelay(waitingPages::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (waitingPages != null) {
            waitingPages.close();
            checker.shutdownNow();
        }
    }

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
        boolean keyInSettings = !DapConfig.isVaultReference(model.getConfig().get(DapConfig.SIGNING_KEY));
        return new DapIdentityProvider(session, new DapIdentityProviderModel(model, parsed(model.getAlias(),
                DapIdentityProviderModel.withVaultSecrets(session, model.getConfig()), keyInSettings)), waitingPages,
                this::firstReport);
    }

    /** Settings that cannot serve a login are logged once per alias and values on this node (bounded as above). */
    private boolean firstReport(IdentityProviderModel model) {
        if (reportedSettings.size() >= MAX_PARSED_CONFIGS) {
            reportedSettings.clear();
        }
        return reportedSettings.add(List.of(model.getAlias(), new HashMap<>(model.getConfig())));
    }

    /**
     * Null for wrong settings: the model then parses them where they are used, and the provider reports them.
     *
     * @param keyInSettings the signing key is stored in the settings themselves (from before the vault), not in the vault
     */
    private DapConfig parsed(String alias, Map<String, String> config, boolean keyInSettings) {
        Map<String, String> raw = new HashMap<>(config);
        DapConfig parsed = parsedConfigs.get(raw);
        if (parsed != null) {
            return parsed;
        }
        try {
            parsed = DapConfig.from(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (keyInSettings && parsed.verifierIdentity() != null) {
            LOG.warnf("DÁP identity provider '%s' holds its signing key in its settings, where every administrator "
                    + "who may view identity providers reads it: move it to the vault (docs/operations.md)", alias);
        }
        if (parsedConfigs.size() >= MAX_PARSED_CONFIGS) {
            parsedConfigs.clear();
        }
        parsedConfigs.put(raw, parsed);
        return parsed;
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new DapIdentityProviderModel();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigurationBuilder properties = ProviderConfigurationBuilder.create()
                .property().name(DapConfig.QR_SCHEME).label("QR link scheme").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_QR_SCHEME)
                .helpText("How the QR code's link starts: the wallet's scheme (openid4vp://) or its https link.").add()
                .property().name(DapConfig.CREDENTIAL_TYPE).label("PID credential type (vct)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_CREDENTIAL_TYPE).add()
                .property().name(DapConfig.REQUESTED_CLAIMS).label("Requested PID claims").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_REQUESTED_CLAIMS).helpText("Comma-separated top-level claim names.").add()
                .property().name(DapConfig.SUBJECT_CLAIMS).label("Subject claims").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DapConfig.DEFAULT_SUBJECT_CLAIMS)
                .helpText("Requested claims that identify the person for good; their HMAC-SHA-256 under the "
                        + "installation's pseudonym key (vault entry dap-pseudonym-key) is the linked identity.").add()
                .property().name(DapConfig.RESPONSE_MODE).label("Response mode").type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(ResponseMode.values()).map(ResponseMode::parameter).toList())
                .defaultValue(DapConfig.DEFAULT_RESPONSE_MODE.parameter())
                .helpText("direct_post.jwt: the wallet encrypts its answer to a key made for each login.").add()
                .property().name(DapConfig.TRUSTED_ISSUERS).label("Trusted PID issuer certificates (PEM)")
                .type(ProviderConfigProperty.TEXT_TYPE).helpText("Issuer signing certificates trusted as they are (pinned).").add()
                .property().name(DapConfig.TRUSTED_ISSUER_CAS).label("Trusted PID issuer CA certificates (PEM)")
                .type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("Trust anchors: a PID whose x5c chain validates to one of these (no revocation check) is trusted.").add()
                .property().name(DapConfig.SIGNING_KEY).label("Request signing key (PEM, PKCS#8 EC P-256)")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("A vault reference, ${vault.dap-signing-key}: the key itself lives in Keycloak's vault, "
                        + "since these settings are readable by every administrator who may view identity providers.").add()
                .property().name(DapConfig.SIGNING_CERTIFICATES).label("Request signing certificate chain (PEM, leaf first)")
                .type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("The leaf's DNS subjectAltName becomes the client_id (x509_san_dns:) and must be this server's host.").add()
                .property().name(DapConfig.REQUEST_LIFETIME).label("QR lifetime (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_REQUEST_LIFETIME)).add()
                .property().name(DapConfig.KEY_BINDING_MAX_AGE).label("Key-binding max age (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_KEY_BINDING_MAX_AGE)).add()
                .property().name(DapConfig.CLOCK_SKEW).label("Clock skew (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_CLOCK_SKEW)).add()
                .property().name(DapConfig.CLIENT_ID_PREFIX).label("Client identifier prefix").type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(ClientIdPrefix.values()).map(ClientIdPrefix::value).toList())
                .defaultValue(DapConfig.DEFAULT_CLIENT_ID_PREFIX.value())
                .helpText("x509_san_dns: the client_id is the signing certificate's DNS name (which must be this "
                        + "server's host). x509_hash: the SHA-256 of the certificate, as HAIP asks.").add()
                .property().name(DapConfig.REQUIRE_PID_EXPIRY).label("Refuse a PID without expiry (exp)")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DapConfig.DEFAULT_REQUIRE_PID_EXPIRY))
                .helpText("On: a PID that carries no exp claim is refused. Off: it is accepted (SD-JWT VC makes exp "
                        + "optional). An exp that is present is always checked.").add()
                .property().name(DapConfig.POLL_INTERVAL).label("QR page pause after an error (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DapConfig.DEFAULT_POLL_INTERVAL))
                .helpText("The QR page waits on one open status stream; when it breaks or the server is busy, the "
                        + "page connects again after this long. Without JavaScript it reloads every three times this "
                        + "long.").add()
                .property().name(DapConfig.STATUS_HOLD).label("QR page keep-alive every (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DapConfig.DEFAULT_STATUS_HOLD))
                .helpText("How often the QR page's open status stream gets a keep-alive while it waits for the phone. "
                        + "Keep it below the idle (read) timeout of any reverse proxy or load balancer in front of "
                        + "Keycloak (often 60 s).").add();
        StatusListSettings.configProperties().forEach(properties::property);
        return properties.build();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_WAITING_PAGES).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_MAX_WAITING_PAGES)
                .helpText("How many QR-page status streams this node holds open at once; above it a page is "
                        + "answered at once and connects again after its pause.").add()
                .build();
    }
}
