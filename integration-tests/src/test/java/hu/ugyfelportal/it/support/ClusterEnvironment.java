package hu.ugyfelportal.it.support;

import hu.ugyfelportal.dapsimulator.DapSimulator;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.mailcatcher.MailCatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two-node cluster the cluster tests run against: the mail catcher and the DÁP simulator in this JVM, and two
 * Keycloak nodes on the shared PostgreSQL database that {@code scripts/cluster.sh --test} prepared and named in the
 * system properties {@code cluster.node.a.home}, {@code cluster.node.a.url} (and the same for {@code b}). Node A
 * imports the realm into the fresh database, node B then joins. Reach it through {@link ClusterExtension}.
 */
public final class ClusterEnvironment implements AutoCloseable {

    private final MailCatcher mail;
    private final DapSimulator dap;
    private final ClusterNode nodeA;
    private final ClusterNode nodeB;

    private ClusterEnvironment(MailCatcher mail, DapSimulator dap, ClusterNode nodeA, ClusterNode nodeB) {
        this.mail = mail;
        this.dap = dap;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    static ClusterEnvironment start() {
        MailCatcher mail = new MailCatcher(FreePort.find());
        mail.start();
        DapSimulator dap = DapSimulator.start("127.0.0.1", FreePort.find());
        Map<String, String> realmEnvironment = RealmEnvironment.of("127.0.0.1", mail, dap);
        ClusterEnvironment cluster = new ClusterEnvironment(mail, dap, node("a", realmEnvironment),
                node("b", realmEnvironment));
        try {
            cluster.nodeA.start(true);
            cluster.nodeB.start(false);
            cluster.nodeB.awaitClusterView(2);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static ClusterNode node(String name, Map<String, String> realmEnvironment) {
        String homeProperty = "cluster.node." + name + ".home";
        String urlProperty = "cluster.node." + name + ".url";
        String home = System.getProperty(homeProperty);
        String url = System.getProperty(urlProperty);
        if (home == null || url == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("The cluster tests need " + homeProperty + " and " + urlProperty
                    + ": run them with scripts/cluster.sh --test, which prepares the two nodes and the database.");
        }
        return new ClusterNode(name, Path.of(home), url, realmEnvironment);
    }

    public ClusterNode nodeA() {
        return nodeA;
    }

    public ClusterNode nodeB() {
        return nodeB;
    }

    /** Stops both nodes, so nothing of the cluster's memory is left, and starts them again on the same database. */
    public void restartBothNodes() {
        nodeB.stop();
        nodeA.stop();
        nodeA.start(false);
        nodeB.startAgain(2);
    }

    public MailCatcher mail() {
        return mail;
    }

    /** The DÁP simulator's HTTP API, as a test plays the customer's phone. */
    public DapPhone dap() {
        return new DapPhone(dap.baseUrl(), dap.issuer());
    }

    /**
     * The simulator's wallet itself, for steps its HTTP API does in one go: fetch the request now, answer later.
     * Its PIDs come from the same issuer the realm trusts.
     */
    public Wallet wallet() {
        return new Wallet(dap.issuer());
    }

    /** The Admin REST API on the given node (an admin token names the node that issued it). */
    public AdminApi admin(ClusterNode node) {
        return new AdminApi(node);
    }

    /** A browser with an empty cookie jar; like a real browser, it sends the same cookies to both nodes. */
    public Browser newBrowser() {
        return new Browser(TestSettings.PORTAL_URL);
    }

    /** The portal's OIDC client talking to the given node. */
    public PortalClient portal(ClusterNode node) {
        return new PortalClient(node.baseUrl(), TestSettings.REALM, TestSettings.PORTAL_CLIENT_ID,
                TestSettings.PORTAL_CLIENT_SECRET, TestSettings.PORTAL_URL + "/callback");
    }

    @Override
    public synchronized void close() {
        try {
            nodeB.close();
            nodeA.close();
        } finally {
            dap.close();
            mail.stop();
        }
    }
}
