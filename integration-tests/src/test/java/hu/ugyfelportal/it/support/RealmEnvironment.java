package hu.ugyfelportal.it.support;

import hu.ugyfelportal.dapsimulator.DapSimulator;
import hu.ugyfelportal.dapsimulator.DapSimulatorMain;
import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.mailcatcher.MailCatcher;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables the realm file's {@code ${...}} placeholders read in the tests: where Keycloak sends its
 * mail, the portal client's secret and URL, and the DÁP settings that make the realm trust the simulator's PID issuer
 * and sign its requests with a test verifier certificate; and the vault options ({@link TestVault}) that give
 * Keycloak the verifier's key and the pseudonym key. Shared by the single server and the two-node cluster.
 */
final class RealmEnvironment {

    /** The DNS name in the test verifier certificate: Keycloak is reached as 127.0.0.1, and the wallet checks the two match. */
    private static final String VERIFIER_HOST = "127.0.0.1";

    private RealmEnvironment() {
    }

    /** @param smtpHost how Keycloak reaches the mail catcher (from a container, not 127.0.0.1) */
    static Map<String, String> of(String smtpHost, MailCatcher mail, DapSimulator dap) {
        Map<String, String> environment = new HashMap<>();
        environment.put("UGYFELPORTAL_SMTP_HOST", smtpHost);
        environment.put("UGYFELPORTAL_SMTP_PORT", String.valueOf(mail.smtpPort()));
        environment.put("UGYFELPORTAL_PORTAL_CLIENT_SECRET", TestSettings.PORTAL_CLIENT_SECRET);
        environment.put("UGYFELPORTAL_PORTAL_URL", TestSettings.PORTAL_URL);
        DevCertificates.KeyAndCertificate verifier = DevCertificates.selfSigned("Ügyfélportál test verifier", VERIFIER_HOST);
        environment.put("UGYFELPORTAL_DAP_TRUSTED_ISSUER_CAS", DapSimulatorMain.oneLine(dap.issuer().rootCertificatePem()));
        // The realm file takes the signing key from the vault; the older realm file of RealmUpgradeIT still reads it here.
        environment.put("UGYFELPORTAL_DAP_SIGNING_KEY", DapSimulatorMain.oneLine(verifier.privateKeyPem()));
        environment.putAll(TestVault.write(verifier.privateKeyPem()));
        environment.put("UGYFELPORTAL_DAP_SIGNING_CERTIFICATES", DapSimulatorMain.oneLine(verifier.certificatePem()));
        // The simulator's PIDs name its status lists at http://127.0.0.1:<port>/status-lists/…
        environment.put("UGYFELPORTAL_DAP_STATUS_LIST_LOOPBACK_HTTP", "true");
        return environment;
    }
}
