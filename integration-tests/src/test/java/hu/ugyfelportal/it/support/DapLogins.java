package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.dapsimulator.StatusLists;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.dapsimulator.VerifierRequest;
import hu.ugyfelportal.dapsimulator.Wallet;
import org.jsoup.nodes.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Whole DÁP logins of a linked customer as the load and cluster tests drive them, each step timed: the browser (plain
 * HTTP) opens the login page and the QR page and listens on the page's status stream as its script does; the wallet
 * fetches the request by its request_uri (a POST with wallet metadata) and answers with a presentation of a PID it
 * was issued beforehand, encrypted ({@code direct_post.jwt}) as the request asks; once the stream says
 * {@code reload}, the browser loads the page again, which completes the broker login, and the portal exchanges the
 * code. The wallet is the simulator's own {@link Wallet} in this JVM, so its work is the load generator's.
 */
public final class DapLogins {

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

    /** The steps of one DÁP login, in order. */
    public enum Step {
        LOGIN_PAGE,
        /** "Bejelentkezés DÁP-pal": the QR page, with the QR drawn, until its status stream has said {@code wait}. */
        QR_PAGE,
        /** The wallet's POST to the request_uri, the signed request object checked. */
        WALLET_FETCH,
        /** The wallet's encrypted answer at the response_uri, until the verifier's 200. */
        WALLET_ANSWER,
        /** From the verifier's 200 until the page's stream said {@code reload}. */
        RELOAD,
        /** The page loaded again: the broker login, to the redirect to the portal. */
        BROKER_LOGIN,
        TOKEN
    }

    /**
     * A completed DÁP login.
     *
     * @param answerToReloadNanos from the moment the wallet sent its answer until the page's stream said {@code reload}
     */
    public record Timed(PortalClient.Tokens tokens, Map<Step, Long> stepNanos, long answerToReloadNanos) {
    }

    /** What the wallet presents: an identity and a PID issued to the wallet for it ({@link Wallet#issue}). */
    public record Credential(TestIdentity identity, String pid) {

        public static Credential issue(Wallet wallet, TestIdentity identity) {
            return new Credential(identity, wallet.issue(identity));
        }
    }

    private DapLogins() {
    }

    /**
     * One DÁP login through {@code client}'s node; the wallet reaches the request at the QR's request_uri as
     * {@code walletRoute} turns it (unchanged on one node; another node's address in the cluster tests).
     */
    public static Timed login(Browser browser, PortalClient client, Wallet wallet, Credential credential,
                              UnaryOperator<String> walletRoute) {
        Map<Step, Long> steps = new LinkedHashMap<>();
        PortalClient.AuthorizationRequest request = client.authorizationRequest();
        Page login = timed(steps, Step.LOGIN_PAGE, () -> browser.open(request.url()));
        long qrStart = System.nanoTime();
        Page qr = DapJourney.openDap(browser, login);
        Element box = qr.document().selectFirst("#dap-qr");
        if (box == null) {
            throw new AssertionError("No status stream on the QR page: " + qr);
        }
        try (QrStatusStream stream = QrStatusStream.open(browser, box.absUrl("data-status-url"))) {
            awaitEvent(stream, "wait");
            steps.put(Step.QR_PAGE, System.nanoTime() - qrStart);
            // The same-device link holds what the QR shows; reading it from the PNG would be the generator's work only.
            String qrContent = qr.document().selectFirst("#dap-open-app").attr("href");
            VerifierRequest fetched = timed(steps, Step.WALLET_FETCH, () -> wallet.fetch(walletRoute.apply(qrContent)));
            long answerStart = System.nanoTime();
            Wallet.Answer answer = wallet.approve(fetched, credential.identity(), credential.pid());
            long answered = System.nanoTime();
            steps.put(Step.WALLET_ANSWER, answered - answerStart);
            if (answer.status() != 200) {
                throw new AssertionError("The verifier refused the answer: HTTP " + answer.status() + " " + answer.body());
            }
            long reloadAt = awaitEvent(stream, "reload").atNanos();
            // The stream may have said reload before the verifier's 200 reached the wallet.
            steps.put(Step.RELOAD, Math.max(0, reloadAt - answered));
            Page done = timed(steps, Step.BROKER_LOGIN, () -> browser.open(box.absUrl("data-page-url")));
            if (!done.isPortalRedirect()) {
                throw new AssertionError("The DÁP login of " + credential.identity().id() + " did not reach the portal: "
                        + done);
            }
            PortalClient.Tokens tokens = timed(steps, Step.TOKEN, () -> client.exchange(request, done));
            return new Timed(tokens, steps, reloadAt - answerStart);
        }
    }

    /**
     * How long a node reuses a fetched status list of the simulator's: the list's ttl, bounded by the realm's
     * {@code dapStatusListMaxCacheSeconds}.
     */
    public static long statusListCacheSeconds(AdminApi admin) {
        Map<String, Object> provider = admin.get("/identity-provider/instances/dap", new TypeReference<>() {
        });
        Object maxCache = ((Map<?, ?>) provider.get("config")).get("dapStatusListMaxCacheSeconds");
        return Math.min(StatusLists.TTL_SECONDS, Long.parseLong(String.valueOf(maxCache)));
    }

    /**
     * How many cache times a stretch of this length can touch: a list is fetched at most once in each (a copy fetched
     * before the stretch may run out within it).
     */
    public static int statusListCachePeriods(Duration stretch, long cacheSeconds) {
        if (cacheSeconds <= 0) {
            throw new AssertionError("The realm keeps no status list (dapStatusListMaxCacheSeconds 0): every login "
                    + "fetches it, and there is no cache time to check");
        }
        return (int) (stretch.toSeconds() / cacheSeconds) + 1;
    }

    /** The next event of that name; fails on a stream that ends first, or after {@link #RELOAD_TIMEOUT}. */
    private static QrStatusStream.Event awaitEvent(QrStatusStream stream, String name) {
        Instant deadline = Instant.now().plus(RELOAD_TIMEOUT);
        while (true) {
            QrStatusStream.Event event = stream.next(Duration.between(Instant.now(), deadline));
            if (event.name().equals(name)) {
                return event;
            }
            if (event.name().equals(QrStatusStream.Event.ENDED)) {
                throw new AssertionError("The status stream ended before '" + name + "': " + stream.transcript());
            }
        }
    }

    private static <T> T timed(Map<Step, Long> steps, Step step, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        steps.put(step, System.nanoTime() - start);
        return result;
    }
}
