package hu.ugyfelportal.demoportal;

import java.io.UncheckedIOException;

/**
 * {@code java -jar ugyfelportal-demo-portal-*-standalone.jar PORTAL_URL KEYCLOAK_URL [bind-address]}
 * <p>
 * Serves the demo portal at {@code PORTAL_URL} (e.g. {@code http://localhost:3000}; it listens on that URL's port)
 * with the realm {@code ugyfelportal} of the Keycloak at {@code KEYCLOAK_URL}. The client secret comes from the
 * environment ({@code UGYFELPORTAL_PORTAL_CLIENT_SECRET}, as for the realm), never from the command line, where any
 * local user could read it. It listens on 127.0.0.1 unless another bind address (e.g. {@code 0.0.0.0}) is given.
 */
public final class DemoPortalMain {

    private DemoPortalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("Usage: java -jar ugyfelportal-demo-portal-standalone.jar PORTAL_URL KEYCLOAK_URL [bind-address]");
            System.exit(2);
        }
        DemoPortal portal;
        try {
            PortalSettings settings = new PortalSettings(args[0], args[1] + "/realms/ugyfelportal",
                    PortalSettings.CLIENT_ID, System.getenv("UGYFELPORTAL_PORTAL_CLIENT_SECRET"));
            portal = DemoPortal.start(settings, args.length > 2 ? args[2] : "127.0.0.1");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("Demo portal: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Demo portal: " + portal.url() + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(portal::close));
        Thread.currentThread().join();
    }
}
