package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import hu.ugyfelportal.dapsimulator.DapSimulator;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.demoportal.DemoPortal;
import hu.ugyfelportal.demoportal.PortalSettings;
import hu.ugyfelportal.mailcatcher.MailCatcher;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the integration tests run against, started once per test run: a real SMTP server (GreenMail),
 * the DÁP simulator (PID issuer and wallet), and a real Keycloak whose realm sends its mail to the one and trusts
 * the other's PID issuer. Reach it through {@link UgyfelportalExtension}.
 */
public final class TestEnvironment implements AutoCloseable {

    private final MailCatcher mail;
    private final DapSimulator dap;
    private final KeycloakServer keycloak;
    private final AdminApi admin;
    private final Map<String, String> realmEnvironment;
    private Chromium chromium;
    private DemoPortal demoPortal;

    private TestEnvironment(MailCatcher mail, DapSimulator dap, KeycloakServer keycloak,
                            Map<String, String> realmEnvironment) {
        this.mail = mail;
        this.dap = dap;
        this.keycloak = keycloak;
        this.admin = new AdminApi(keycloak);
        this.realmEnvironment = Map.copyOf(realmEnvironment);
    }

    static TestEnvironment start() {
        MailCatcher mail = new MailCatcher(FreePort.find());
        mail.start();
        boolean inDocker = "testcontainers".equals(TestSettings.serverKind());
        DapSimulator dap = DapSimulator.start("127.0.0.1", FreePort.find());
        Map<String, String> realmEnvironment = RealmEnvironment.of(
                inDocker ? ContainerKeycloak.HOST_FROM_CONTAINER : "127.0.0.1", mail, dap);
        KeycloakServer keycloak = inDocker
                ? ContainerKeycloak.start(realmEnvironment, List.of(mail.smtpPort()))
                : DistributionKeycloak.start(realmEnvironment);
        return new TestEnvironment(mail, dap, keycloak, realmEnvironment);
    }

    public MailCatcher mail() {
        return mail;
    }

    /** The DÁP simulator's HTTP API, as a test plays the customer's phone. */
    public DapPhone dap() {
        return new DapPhone(dap.baseUrl(), dap.issuer());
    }

    /**
     * The simulator's wallet itself, in this JVM, for tests that drive it step by step or under load (its work then
     * is the load generator's). Its PIDs come from the same issuer the realm trusts.
     */
    public Wallet wallet() {
        return new Wallet(dap.issuer());
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public AdminApi admin() {
        return admin;
    }

    /** The server's clock, to move in try-with-resources (closing puts it back). */
    public TestClock clock() {
        return new TestClock(admin);
    }

    public String realm() {
        return TestSettings.REALM;
    }

    /** The usernames in the demo users file Keycloak imported at start (realm-config/demo/ugyfelportal-users-0.json). */
    public List<String> demoUsernames() {
        try {
            JsonNode users = JsonSerialization.mapper.readTree(TestSettings.demoUsersFile().toFile()).path("users");
            List<String> usernames = new ArrayList<>();
            users.forEach(user -> usernames.add(user.path("username").asText()));
            return usernames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** realm-config/ugyfelportal-realm.json, the file the realm was imported from. */
    public java.nio.file.Path realmFile() {
        return TestSettings.realmFile();
    }

    /** The environment Keycloak was started with for the realm file's placeholders (SMTP, portal secret, DÁP keys). */
    public Map<String, String> realmEnvironment() {
        return realmEnvironment;
    }

    /** A browser with an empty cookie jar, as a new customer would have. */
    public Browser newBrowser() {
        return new Browser(TestSettings.PORTAL_URL);
    }

    /** A real headless Chromium, started on first use (only browser tests pay for it). */
    public synchronized Chromium chromium() {
        if (chromium == null) {
            chromium = Chromium.start();
        }
        return chromium;
    }

    /** The demo portal at the realm's portal URL, on the realm's portal client; started on first use. */
    public synchronized DemoPortal demoPortal() {
        if (demoPortal == null) {
            demoPortal = DemoPortal.start(new PortalSettings(TestSettings.PORTAL_URL,
                    keycloak.baseUrl() + "/realms/" + TestSettings.REALM, TestSettings.PORTAL_CLIENT_ID,
                    TestSettings.PORTAL_CLIENT_SECRET), "127.0.0.1");
        }
        return demoPortal;
    }

    /** The portal's OIDC client, as the real portal would use it. */
    public PortalClient portal() {
        return client(TestSettings.PORTAL_CLIENT_ID, TestSettings.PORTAL_CLIENT_SECRET);
    }

    /** Another confidential client of the realm whose redirect URIs are below the portal URL. */
    public PortalClient client(String clientId, String secret) {
        return client(TestSettings.REALM, clientId, secret);
    }

    /** A confidential client of another realm on this server (e.g. one a test created). */
    public PortalClient client(String realm, String clientId, String secret) {
        return new PortalClient(keycloak.baseUrl(), realm, clientId, secret, TestSettings.PORTAL_URL + "/callback");
    }

    /** Where clients of the tests may redirect to: the browser helpers stop at its {@code /callback}. */
    public String portalUrl() {
        return TestSettings.PORTAL_URL;
    }

    @Override
    public synchronized void close() {
        try {
            if (chromium != null) {
                chromium.close();
            }
            if (demoPortal != null) {
                demoPortal.close();
            }
        } finally {
            try {
                keycloak.close();
            } finally {
                dap.close();
                mail.stop();
            }
        }
    }
}
