package hu.ugyfelportal.keycloak.dap.qr;

import hu.ugyfelportal.keycloak.dap.service.DapClock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The QR pages whose status stream this node holds open until the page should reload. Only the open streams are
 * kept here, never login state: what a page should be told is always read from Keycloak's stores ({@link Store}),
 * so an answer saved by any node of a cluster reaches the page:
 * <ul>
 * <li>{@link #wake}: a wallet's answer was saved on this node; its page is checked at once;</li>
 * <li>{@link #sweep}, about once a second: every held page is checked in one read of the stores (an answer saved on
 * another node, a QR that ran out and gets its successor), and a page whose keep-alive is due gets one, so that no
 * proxy's idle timeout cuts the connection.</li>
 * </ul>
 * One stream per transaction: a newer stream for the same transaction replaces the held one at once; and at most
 * {@link #PAGES_PER_BROWSER} per browser (root authentication session), so that one browser cannot take every place
 * with new tabs. At most {@code capacity} pages wait at once; above that, or above the browser's share,
 * {@link #await} refuses. A page that throws when told something is let go (its connection is broken); a sweep that
 * fails is logged and the next one runs.
 */
public final class QrPageWaiters {

    /** What a waiting page watches: its own transaction and when its QR runs out. */
    public record Watch(String transaction, long qrExpiresEpochSecond) {
    }

    /** What a page is told once the stores say so. */
    public enum Verdict { RELOAD, RENEW }

    /** Reads Keycloak's stores: what these transactions' pages should be told now (absent: nothing yet). */
    @FunctionalInterface
    public interface Store {
        Map<String, Verdict> verdicts(Collection<Watch> watches, Instant now);
    }

    /** One open status stream. Each call sends one event; after {@link #reload}, {@link #replaced} or {@link #end} nothing more is sent. */
    interface Page {
        void keepAlive();

        /** Makes and sends the page's next QR; empty when there is none (the login is gone), and the page is told to reload. */
        Optional<Watch> renew();

        void reload();

        /** A newer stream for the same transaction took over. */
        void replaced();

        /** This node is shutting down: the page connects again (to another node, or after its pause). */
        void end();
    }

    /** The QR pages one browser may hold open at once: a few tabs of its own, never the node's places. */
    public static final int PAGES_PER_BROWSER = 3;

    private static final class Waiter {
        private final Page page;
        private final String browser;
        private final Duration keepAlive;
        private Watch watch;
        private Instant nextKeepAlive;

        private Waiter(Page page, String browser, Watch watch, Duration keepAlive, Instant now) {
            this.page = page;
            this.browser = browser;
            this.watch = watch;
            this.keepAlive = keepAlive;
            this.nextKeepAlive = now.plus(keepAlive);
        }
    }

    private static final Logger LOG = Logger.getLogger(QrPageWaiters.class);

    private final int capacity;
    private final Store store;
    private final Supplier<Instant> clock;
    private final Executor checks;
    private final ConcurrentMap<String, Waiter> byTransaction = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param checks where {@link #wake} reads the stores and where the sweep runs: one thread, so that a page is
     *               never told two things at once, and not the wallet's request thread, which has its own response
     */
    /** @param clock the time now: Keycloak's ({@link DapClock}) on a server */
    public QrPageWaiters(int capacity, Store store, Supplier<Instant> clock, Executor checks) {
        this.capacity = capacity;
        this.store = store;
        this.clock = clock;
        this.checks = checks;
    }

    /**
     * Holds a page until it should reload, sending a keep-alive every {@code keepAlive} and a new QR whenever its QR
     * runs out. A stream already held for the same transaction is told {@link Page#replaced} and let go. Returns what
     * the caller runs when the browser goes away; empty when this node already holds {@code capacity} pages, or
     * {@link #PAGES_PER_BROWSER} of this browser's, or is shutting down.
     *
     * @param browser the browser's root authentication session id
     */
    synchronized Optional<Runnable> await(Watch watch, String browser, Duration keepAlive, Page page) {
        if (closed) {
            return Optional.empty();
        }
        Waiter older = byTransaction.get(watch.transaction());
        if (older == null && byTransaction.size() >= capacity) {
            LOG.debugf("DÁP QR pages: %d already waiting on this node, answering at once", capacity);
            return Optional.empty();
        }
        if (older == null && heldFor(browser) >= PAGES_PER_BROWSER) {
            LOG.debugf("DÁP QR pages: one browser already holds %d, answering at once", PAGES_PER_BROWSER);
            return Optional.empty();
        }
        Waiter waiter = new Waiter(page, browser, watch, keepAlive, clock.get());
        byTransaction.put(watch.transaction(), waiter);
        if (older != null) {
            tell(older, Page::replaced, "replaced");
        }
        return Optional.of(() -> forget(waiter));
    }

    private long heldFor(String browser) {
        return byTransaction.values().stream().filter(waiter -> waiter.browser.equals(browser)).count();
    }

    /** A wallet's answer for this transaction was saved (and committed) on this node: its page need not wait. */
    public void wake(String transaction) {
        checks.execute(() -> {
            Waiter waiter = byTransaction.get(transaction);
            if (waiter != null) {
                check(List.of(waiter), clock.get());
            }
        });
    }

    /**
     * Sends the keep-alives that are due, then checks every held page in one read of the stores. Never throws: it
     * runs under {@code scheduleWithFixedDelay}, which would stop sweeping on this node for good after one exception.
     */
    public void sweep() {
        try {
            Instant now = clock.get();
            List<Waiter> held = new ArrayList<>(byTransaction.values());
            for (Waiter waiter : held) {
                if (!now.isBefore(waiter.nextKeepAlive)) {
                    waiter.nextKeepAlive = now.plus(waiter.keepAlive);
                    tell(waiter, Page::keepAlive, "a keep-alive");
                }
            }
            check(held, now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "A sweep of the waiting DÁP QR pages failed; the next one runs as usual");
        }
    }

    /** Server shutdown: every held stream ends, so that its page connects again (another node, or after its pause). */
    public synchronized void close() {
        closed = true;
        List<Waiter> held = List.copyOf(byTransaction.values());
        byTransaction.clear();
        held.forEach(waiter -> tell(waiter, Page::end, "the end"));
    }

    /** One word to one page; a page that cannot take it (a broken connection) is let go, logged once with the cause. */
    private void tell(Waiter waiter, Consumer<Page> word, String what) {
        try {
            word.accept(waiter.page);
        } catch (RuntimeException e) {
            forget(waiter);
            LOG.warnf(e, "A waiting DÁP QR page could not be sent %s; it is let go and connects again", what);
        }
    }

    private void check(List<Waiter> waiters, Instant now) {
        if (waiters.isEmpty()) {
            return;
        }
        Map<String, Verdict> verdicts;
        try {
            verdicts = store.verdicts(waiters.stream().map(waiter -> waiter.watch).toList(), now);
        } catch (RuntimeException e) {
            // The pages keep waiting, with their keep-alives, until the stores can be read again.
            LOG.warnf(e, "Could not check %d waiting DÁP QR pages; trying again at the next sweep", waiters.size());
            return;
        }
        for (Waiter waiter : waiters) {
            Verdict verdict = verdicts.get(waiter.watch.transaction());
            if (verdict == Verdict.RELOAD) {
                if (forget(waiter)) {
                    tell(waiter, Page::reload, "reload");
                }
            } else if (verdict == Verdict.RENEW) {
                renew(waiter);
            }
        }
    }

    private void renew(Waiter waiter) {
        Optional<Watch> next;
        try {
            next = waiter.page.renew();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not renew a waiting DÁP QR page; telling it to reload");
            next = Optional.empty();
        }
        synchronized (this) {
            if (byTransaction.get(waiter.watch.transaction()) != waiter) {
                return; // gone or replaced meanwhile
            }
            byTransaction.remove(waiter.watch.transaction());
            if (next.isPresent() && !closed) {
                waiter.watch = next.get();
                byTransaction.put(next.get().transaction(), waiter);
                return;
            }
        }
        tell(waiter, Page::reload, "reload");
    }

    /** True when this call let the waiter go (and so may tell it its last word). */
    private synchronized boolean forget(Waiter waiter) {
        return byTransaction.remove(waiter.watch.transaction(), waiter);
    }
}
