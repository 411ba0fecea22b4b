package hu.ugyfelportal.keycloak.dap;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class QrPageWaitersTest {

    private static final Duration HOLD = Duration.ofSeconds(50);
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    /** Keycloak's stores as the waiters see them: the transactions whose pages should reload, and every read. */
    private final Set<String> answered = new HashSet<>();
    private final List<Collection<QrPageWaiters.Watch>> reads = new ArrayList<>();
    private boolean unreadable;
    private final MovingClock clock = new MovingClock();
    private final List<Runnable> queuedChecks = new ArrayList<>();
    private final QrPageWaiters waiters = new QrPageWaiters(3, this::read, clock, queuedChecks::add);

    @Test
    void aPageWaitsUntilItsTransactionIsAnsweredAndIsWokenWhenTheAnswerIsSavedOnThisNode() {
        CompletableFuture<Boolean> page = hold("t1");
        CompletableFuture<Boolean> other = hold("t2");

        answered.add("t1");
        waiters.wake("t1");
        assertThat(page).as("checked on the waiters' own thread, not the wallet's").isNotDone();
        runQueuedChecks();

        assertThat(page).isCompletedWithValue(true);
        assertThat(other).isNotDone();
        assertThat(reads).containsExactly(List.of(watch("t1")));
        assertThat(waiters.waiting()).isEqualTo(1);
    }

    @Test
    void theSweepFindsAnswersSavedOnOtherNodesInOneReadOfTheStores() {
        CompletableFuture<Boolean> first = hold("t1");
        CompletableFuture<Boolean> secondTab = hold("t1");
        CompletableFuture<Boolean> other = hold("t2");

        answered.add("t1");
        waiters.sweep();

        assertThat(first).isCompletedWithValue(true);
        assertThat(secondTab).isCompletedWithValue(true);
        assertThat(other).isNotDone();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0)).containsExactlyInAnyOrder(watch("t1"), watch("t2"));
    }

    @Test
    void atTheHoldLimitAPageIsToldNotToReloadAndIsNoLongerChecked() {
        CompletableFuture<Boolean> page = hold("t1");

        later(HOLD.minusSeconds(1));
        waiters.sweep();
        assertThat(page).isNotDone();

        later(Duration.ofSeconds(1));
        waiters.sweep();
        assertThat(page).isCompletedWithValue(false);
        assertThat(reads).as("only the first sweep had a page to read for").hasSize(1);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void aboveItsCapacityTheNodeRefusesToHoldAndHoldsAgainOnceAPlaceIsFree() {
        CompletableFuture<Boolean> first = hold("t1");
        hold("t2");
        hold("t3");

        assertThat(waiters.await(watch("t4"), HOLD, Function.identity())).isEmpty();

        answered.add("t1");
        waiters.sweep();
        assertThat(first).isCompletedWithValue(true);
        assertThat(waiters.await(watch("t4"), HOLD, Function.identity())).isPresent();
    }

    @Test
    void aBrowserThatGoesAwayFreesItsPlaceAtOnce() {
        CompletableFuture<String> page = waiters.await(watch("t1"), HOLD, reload -> "answer " + reload).orElseThrow();

        page.cancel(true);

        assertThat(waiters.waiting()).isZero();
        waiters.sweep();
        assertThat(reads).isEmpty();
    }

    @Test
    void theAnswerIsWhatTheEndpointMakesOfTheOutcome() {
        CompletableFuture<String> page = waiters.await(watch("t1"), HOLD, reload -> "reload=" + reload).orElseThrow();

        answered.add("t1");
        waiters.sweep();

        assertThat(page).isCompletedWithValue("reload=true");
    }

    @Test
    void unreadableStoresKeepThePagesWaitingUntilTheNextSweep() {
        CompletableFuture<Boolean> page = hold("t1");
        answered.add("t1");

        unreadable = true;
        waiters.sweep();
        assertThat(page).isNotDone();

        unreadable = false;
        waiters.sweep();
        assertThat(page).isCompletedWithValue(true);
    }

    @Test
    void atShutdownEveryPageIsToldNotToReloadAndNoneIsHeldAnyMore() {
        CompletableFuture<Boolean> first = hold("t1");
        CompletableFuture<Boolean> second = hold("t2");

        waiters.close();

        assertThat(first).isCompletedWithValue(false);
        assertThat(second).isCompletedWithValue(false);
        assertThat(waiters.waiting()).isZero();
        assertThat(waiters.await(watch("t3"), HOLD, Function.identity())).isEmpty();
    }

    private CompletableFuture<Boolean> hold(String transaction) {
        return waiters.await(watch(transaction), HOLD, Function.identity()).orElseThrow();
    }

    private Set<String> read(Collection<QrPageWaiters.Watch> watches, Instant now) {
        if (unreadable) {
            throw new IllegalStateException("cache unreachable");
        }
        reads.add(List.copyOf(watches));
        Set<String> reload = new HashSet<>();
        watches.stream().map(QrPageWaiters.Watch::transaction).filter(answered::contains).forEach(reload::add);
        return reload;
    }

    private void runQueuedChecks() {
        List<Runnable> checks = List.copyOf(queuedChecks);
        queuedChecks.clear();
        checks.forEach(Runnable::run);
    }

    private void later(Duration duration) {
        clock.now = clock.now.plus(duration);
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static QrPageWaiters.Watch watch(String transaction) {
        return new QrPageWaiters.Watch(transaction, START.plusSeconds(120).getEpochSecond());
    }
}
