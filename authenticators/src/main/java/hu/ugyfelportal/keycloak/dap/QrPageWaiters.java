package hu.ugyfelportal.keycloak.dap;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The QR pages whose status request this node holds open (a long poll) until the page should reload. Only the open
 * requests are kept here, never login state: whether a page should reload is always read from Keycloak's stores
 * ({@link Store}), so an answer saved by any node of a cluster reaches the page:
 * <ul>
 * <li>{@link #wake}: a wallet's answer was saved on this node; its pages are checked at once;</li>
 * <li>{@link #sweep}, about once a second: every held page is checked in one read of the stores (an answer saved on
 * another node, a QR that ran out), and a page held for its hold limit is answered "no reload" so that it asks
 * again before a proxy's idle timeout cuts the connection.</li>
 * </ul>
 * At most {@code capacity} pages wait at once; above that {@link #await} refuses and the page is answered at once.
 */
final class QrPageWaiters {

    /** What a waiting page watches: its own transaction and when its QR runs out. */
    record Watch(String transaction, long qrExpiresEpochSecond) {
    }

    /** Reads Keycloak's stores: which of these transactions should make their pages reload now. */
    @FunctionalInterface
    interface Store {
        Set<String> toReload(Collection<Watch> watches, Instant now);
    }

    private record Waiter(Watch watch, Instant deadline, CompletableFuture<Boolean> reload) {
    }

    private static final Logger LOG = Logger.getLogger(QrPageWaiters.class);

    private final int capacity;
    private final Store store;
    private final Clock clock;
    private final Executor checks;
    private final ConcurrentMap<String, Set<Waiter>> byTransaction = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param checks where {@link #wake} reads the stores: not on the thread of the wallet's request that saved the
     *               answer, which has its own response to finish
     */
    QrPageWaiters(int capacity, Store store, Clock clock, Executor checks) {
        this.capacity = capacity;
        this.store = store;
        this.clock = clock;
        this.checks = checks;
    }

    /**
     * Holds a page until it should reload (the answer made of {@code true}) or until {@code hold} has passed
     * ({@code false}). Empty when this node already holds {@code capacity} pages or is shutting down. Cancelling the
     * returned future (the browser went away) frees the page's place at once.
     */
    <T> Optional<CompletableFuture<T>> await(Watch watch, Duration hold, Function<Boolean, T> answer) {
        if (closed) {
            return Optional.empty();
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            LOG.debugf("DÁP QR pages: %d already waiting on this node, answering at once", capacity);
            return Optional.empty();
        }
        Waiter waiter = new Waiter(watch, clock.instant().plus(hold), new CompletableFuture<>());
        byTransaction.compute(watch.transaction(), (transaction, waiters) -> {
            Set<Waiter> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(waiter);
            return set;
        });
        waiter.reload().whenComplete((reload, error) -> forget(waiter));
        if (closed) {
            waiter.reload().complete(false);
        }
        CompletableFuture<T> answered = waiter.reload().thenApply(answer);
        answered.whenComplete((value, error) -> {
            if (answered.isCancelled()) {
                waiter.reload().cancel(false);
            }
        });
        return Optional.of(answered);
    }

    /** A wallet's answer for this transaction was saved (and committed) on this node: its pages need not wait. */
    void wake(String transaction) {
        checks.execute(() -> {
            Set<Waiter> waiters = byTransaction.get(transaction);
            if (waiters != null) {
                check(List.copyOf(waiters), clock.instant());
            }
        });
    }

    /** Answers the pages held for their hold limit, then checks all others in one read of the stores. */
    void sweep() {
        Instant now = clock.instant();
        List<Waiter> held = new ArrayList<>();
        for (Set<Waiter> waiters : byTransaction.values()) {
            for (Waiter waiter : waiters) {
                if (now.isBefore(waiter.deadline())) {
                    held.add(waiter);
                } else {
                    waiter.reload().complete(false);
                }
            }
        }
        check(held, now);
    }

    int waiting() {
        return waiting.get();
    }

    /** Server shutdown: every held page is told "no reload", so that it asks again (another node, or after its pause). */
    void close() {
        closed = true;
        byTransaction.values().forEach(waiters -> waiters.forEach(waiter -> waiter.reload().complete(false)));
    }

    private void check(List<Waiter> waiters, Instant now) {
        if (waiters.isEmpty()) {
            return;
        }
        Set<String> reload;
        try {
            reload = store.toReload(waiters.stream().map(Waiter::watch).distinct().toList(), now);
        } catch (RuntimeException e) {
            // The pages keep waiting; their hold limit still answers them if the stores stay unreadable.
            LOG.warnf(e, "Could not check %d waiting DÁP QR pages; trying again at the next sweep", waiters.size());
            return;
        }
        for (Waiter waiter : waiters) {
            if (reload.contains(waiter.watch().transaction())) {
                waiter.reload().complete(true);
            }
        }
    }

    private void forget(Waiter waiter) {
        byTransaction.computeIfPresent(waiter.watch().transaction(), (transaction, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
        waiting.decrementAndGet();
    }
}
