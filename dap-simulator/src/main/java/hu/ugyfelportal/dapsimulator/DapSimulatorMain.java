package hu.ugyfelportal.dapsimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar ugyfelportal-dap-simulator-*-standalone.jar [port] [verifier-dns-name] [env-file] [bind-address]}
 * <p>
 * Starts the simulator (default port 8090) and writes, for the local run, the realm's DÁP environment variables
 * into the env file (default {@code dap-simulator.env}): the simulator's PID issuer root CA to trust, and a
 * freshly made DEVELOPMENT-ONLY request-object signing key and certificate for the verifier DNS name (default
 * {@code localhost}), and the switch that lets Keycloak fetch the simulator's status lists over http on loopback.
 * Source that file before starting Keycloak. It listens on 127.0.0.1 unless another bind address (e.g.
 * {@code 0.0.0.0} in a container) is given.
 */
public final class DapSimulatorMain {

    private DapSimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String verifierDnsName = args.length > 1 ? args[1] : "localhost";
        Path envFile = Path.of(args.length > 2 ? args[2] : "dap-simulator.env");
        String bindAddress = args.length > 3 ? args[3] : "127.0.0.1";
        DapSimulator simulator = DapSimulator.start(bindAddress, port);
        DevCertificates.KeyAndCertificate verifier = DevCertificates.selfSigned("Ügyfélportál verifier", verifierDnsName);
        String exports = "export UGYFELPORTAL_DAP_TRUSTED_ISSUER_CAS='" + oneLine(simulator.issuer().rootCertificatePem()) + "'\n"
                + "export UGYFELPORTAL_DAP_SIGNING_KEY='" + oneLine(verifier.privateKeyPem()) + "'\n"
                + "export UGYFELPORTAL_DAP_SIGNING_CERTIFICATES='" + oneLine(verifier.certificatePem()) + "'\n"
                // The simulator serves its PIDs' status lists over plain http on this machine.
                + "export UGYFELPORTAL_DAP_STATUS_LIST_LOOPBACK_HTTP=true\n";
        Files.writeString(envFile, exports);
        System.out.println("DÁP simulator: " + simulator.baseUrl() + "/  (realm settings written to " + envFile + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }

    /** The realm file takes these through ${...} placeholders inside JSON strings, where raw line breaks are not allowed. */
    public static String oneLine(String pem) {
        return pem.replace("\r", "").replace("\n", "");
    }
}
