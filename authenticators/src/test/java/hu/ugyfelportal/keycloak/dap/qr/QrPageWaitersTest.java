package hu.ugyfelportal.keycloak.dap.qr;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QrPageWaitersTest {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(50);
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    /** Keycloak's stores as the waiters see them: answered and run-out transactions, and every read. */
    private final Set<String> answered = new HashSet<>();
    private final Set<String> ranOut = new HashSet<>();
    private final List<Collection<QrPageWaiters.Watch>> reads = new ArrayList<>();
    private boolean unreadable;
    private Instant now = START;
    private final List<Runnable> queuedChecks = new ArrayList<>();
    private final QrPageWaiters waiters = new QrPageWaiters(3, this::read, () -> now, queuedChecks::add);

    @Test
    void aPageWaitsUntilItsTransactionIsAnsweredAndIsWokenWhenTheAnswerIsSavedOnThisNode() {
        FakePage page = hold("t1");
        FakePage other = hold("t2");

        answered.add("t1");
        waiters.wake("t1");
        assertThat(page.told).as("checked on the waiters' own thread, not the wallet's").isEmpty();
        runQueuedChecks();

        assertThat(page.told).containsExactly("reload");
        assertThat(other.told).isEmpty();
        assertThat(reads).containsExactly(List.of(watch("t1")));
        assertThat(held()).hasSize(1);
    }

    @Test
    void theSweepFindsAnswersSavedOnOtherNodesInOneReadOfTheStores() {
        FakePage first = hold("t1");
        FakePage other = hold("t2");

        answered.add("t1");
        waiters.sweep();

        assertThat(first.told).containsExactly("reload");
        assertThat(other.told).isEmpty();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0)).containsExactlyInAnyOrder(watch("t1"), watch("t2"));
    }

    @Test
    void aPageGetsAKeepAliveWhenItIsDueAndGoesOnWaiting() {
        FakePage page = hold("t1");

        later(KEEP_ALIVE.minusSeconds(1));
        waiters.sweep();
        assertThat(page.told).isEmpty();

        later(Duration.ofSeconds(1));
        waiters.sweep();
        later(Duration.ofSeconds(1));
        waiters.sweep();
        assertThat(page.told).containsExactly("wait");

        later(KEEP_ALIVE);
        waiters.sweep();
        assertThat(page.told).containsExactly("wait", "wait");
        assertThat(held()).hasSize(1);
    }

    @Test
    void aQrThatRanOutIsRenewedInPlaceAndThePageThenWatchesTheNewTransaction() {
        FakePage page = hold("t1");
        page.next = Optional.of(watch("t1-next"));

        ranOut.add("t1");
        waiters.sweep();
        assertThat(page.told).containsExactly("qr");
        assertThat(held()).hasSize(1);

        answered.add("t1-next");
        waiters.wake("t1-next");
        runQueuedChecks();
        assertThat(page.told).containsExactly("qr", "reload");
        assertThat(held()).isEmpty();
    }

    @Test
    void aQrThatCannotBeRenewedBecauseTheLoginIsGoneMakesThePageReload() {
        FakePage page = hold("t1");
        page.next = Optional.empty();

        ranOut.add("t1");
        waiters.sweep();

        assertThat(page.told).containsExactly("qr?", "reload");
        assertThat(held()).isEmpty();
    }

    @Test
    void aNewerStreamForTheSameTransactionReplacesTheHeldOneAtOnce() {
        List<FakePage> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(hold("t1"));
        }
        FakePage otherCustomer = hold("t2");

        assertThat(burst.subList(0, 9)).allSatisfy(older -> assertThat(older.told).containsExactly("replaced"));
        assertThat(burst.get(9).told).isEmpty();
        assertThat(otherCustomer.told).isEmpty();
        assertThat(held()).as("one per transaction").hasSize(2);

        answered.add("t1");
        waiters.sweep();
        assertThat(burst.get(9).told).containsExactly("reload");
        assertThat(burst.get(0).told).as("a replaced page is told nothing more").containsExactly("replaced");
    }

    @Test
    void aboveItsCapacityTheNodeRefusesToHoldAndHoldsAgainOnceAPlaceIsFree() {
        hold("t1");
        hold("t2");
        hold("t3");

        assertThat(waiters.await(watch("t4"), "browser-t4", KEEP_ALIVE, new FakePage())).isEmpty();
        assertThat(waiters.await(watch("t3"), "browser-t3", KEEP_ALIVE, new FakePage())).as("a newer stream of a held transaction")
                .isPresent();

        answered.add("t1");
        waiters.sweep();
        assertThat(waiters.await(watch("t4"), "browser-t4", KEEP_ALIVE, new FakePage())).isPresent();
    }

    @Test
    void oneBrowserHoldsOnlyItsShareOfPlacesHoweverManyTabsItOpens() {
        QrPageWaiters roomy = new QrPageWaiters(100, this::read, () -> now, queuedChecks::add);
        for (int tab = 0; tab < QrPageWaiters.PAGES_PER_BROWSER; tab++) {
            assertThat(roomy.await(watch("tab" + tab), "greedy", KEEP_ALIVE, new FakePage())).isPresent();
        }

        assertThat(roomy.await(watch("one-more-tab"), "greedy", KEEP_ALIVE, new FakePage())).isEmpty();
        assertThat(roomy.await(watch("tab0"), "greedy", KEEP_ALIVE, new FakePage())).as("a newer stream of a held tab")
                .isPresent();
        assertThat(roomy.await(watch("other"), "another browser", KEEP_ALIVE, new FakePage())).isPresent();
    }

    @Test
    void aPageThatThrowsIsLetGoAndTheOthersStillGetTheirKeepAliveNewQrAndReload() {
        FakePage broken = hold("t1");
        broken.failing = true;
        FakePage renewed = hold("t2");
        renewed.next = Optional.of(watch("t2-next"));
        FakePage answered = hold("t3");

        later(KEEP_ALIVE);
        ranOut.add("t2");
        this.answered.add("t3");
        waiters.sweep();

        assertThat(renewed.told).containsExactly("wait", "qr");
        assertThat(answered.told).containsExactly("wait", "reload");
        assertThat(held()).as("the broken page is let go").containsExactly("t2-next");

        this.answered.add("t2-next");
        waiters.sweep();
        assertThat(renewed.told).as("sweeping goes on").containsExactly("wait", "qr", "reload");
    }

    @Test
    void aSweepThatFailsAsAWholeDoesNotThrowSoTheNextOneRuns() {
        FakePage page = hold("t1");
        QrPageWaiters clockless = new QrPageWaiters(3, this::read, () -> {
            throw new IllegalStateException("no time");
        }, queuedChecks::add);

        clockless.sweep();

        answered.add("t1");
        waiters.sweep();
        assertThat(page.told).containsExactly("reload");
    }

    @Test
    void aBrowserThatGoesAwayFreesItsPlaceAtOnce() {
        FakePage page = new FakePage();
        Runnable leave = waiters.await(watch("t1"), "browser-t1", KEEP_ALIVE, page).orElseThrow();

        leave.run();

        assertThat(held()).isEmpty();
        waiters.sweep();
        assertThat(reads).isEmpty();
        assertThat(page.told).isEmpty();
    }

    @Test
    void unreadableStoresKeepThePagesWaitingUntilTheNextSweep() {
        FakePage page = hold("t1");
        answered.add("t1");

        unreadable = true;
        waiters.sweep();
        assertThat(page.told).isEmpty();

        unreadable = false;
        waiters.sweep();
        assertThat(page.told).containsExactly("reload");
    }

    @Test
    void atShutdownEveryStreamEndsAndNoneIsHeldAnyMore() {
        FakePage first = hold("t1");
        FakePage second = hold("t2");

        waiters.close();

        assertThat(first.told).containsExactly("end");
        assertThat(second.told).containsExactly("end");
        assertThat(held()).isEmpty();
        assertThat(waiters.await(watch("t3"), "browser-t3", KEEP_ALIVE, new FakePage())).isEmpty();
    }

    /** The transactions this node holds pages for, as the code itself sees them: what one sweep reads from the stores. */
    private List<String> held() {
        int before = reads.size();
        waiters.sweep();
        return reads.size() == before ? List.of()
                : reads.get(reads.size() - 1).stream().map(QrPageWaiters.Watch::transaction).toList();
    }

    /** A page of its own browser. */
    private FakePage hold(String transaction) {
        return hold(transaction, "browser-" + transaction);
    }

    private FakePage hold(String transaction, String browser) {
        FakePage page = new FakePage();
        waiters.await(watch(transaction), browser, KEEP_ALIVE, page).orElseThrow();
        return page;
    }

    private Map<String, QrPageWaiters.Verdict> read(Collection<QrPageWaiters.Watch> watches, Instant now) {
        if (unreadable) {
            throw new IllegalStateException("cache unreachable");
        }
        reads.add(List.copyOf(watches));
        Map<String, QrPageWaiters.Verdict> verdicts = new HashMap<>();
        for (QrPageWaiters.Watch watch : watches) {
            if (answered.contains(watch.transaction())) {
                verdicts.put(watch.transaction(), QrPageWaiters.Verdict.RELOAD);
            } else if (ranOut.contains(watch.transaction())) {
                verdicts.put(watch.transaction(), QrPageWaiters.Verdict.RENEW);
            }
        }
        return verdicts;
    }

    private void runQueuedChecks() {
        List<Runnable> checks = List.copyOf(queuedChecks);
        queuedChecks.clear();
        checks.forEach(Runnable::run);
    }

    private void later(Duration duration) {
        now = now.plus(duration);
    }

    /** A status stream: what it was told, in order ("qr?" for a renewal that found no login). */
    private static final class FakePage implements QrPageWaiters.Page {
        private final List<String> told = new ArrayList<>();
        private Optional<QrPageWaiters.Watch> next = Optional.empty();
        /** A broken connection: every word fails. */
        private boolean failing;

        @Override
        public void keepAlive() {
            say("wait");
        }

        private void say(String word) {
            if (failing) {
                throw new IllegalStateException("connection closed");
            }
            told.add(word);
        }

        @Override
        public Optional<QrPageWaiters.Watch> renew() {
            told.add(next.isPresent() ? "qr" : "qr?");
            return next;
        }

        @Override
        public void reload() {
            say("reload");
        }

        @Override
        public void replaced() {
            told.add("replaced");
        }

        @Override
        public void end() {
            told.add("end");
        }
    }

    private static QrPageWaiters.Watch watch(String transaction) {
        return new QrPageWaiters.Watch(transaction, START.plusSeconds(120).getEpochSecond());
    }
}
