package hu.ugyfelportal.keycloak.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LinkMailQueueTest {

    /** A mail whose send waits for {@code mailServer}, as behind a stalled relay. */
    private static final class Mail implements LinkMailQueue.Job {

        private final String name;
        private final CountDownLatch mailServer;
        private final List<String> sent;
        private final List<String> givenBack;

        Mail(String name, CountDownLatch mailServer, List<String> sent, List<String> givenBack) {
            this.name = name;
            this.mailServer = mailServer;
            this.sent = sent;
            this.givenBack = givenBack;
        }

        @Override
        public void send() {
            // A socket read at a stalled mail server does not end on an interrupt either.
            while (true) {
                try {
                    mailServer.await();
                    break;
                } catch (InterruptedException e) {
                    // Waits on.
                }
            }
            sent.add(name);
        }

        @Override
        public void giveBack(String reason) {
            givenBack.add(name + ":" + reason);
        }
    }

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> givenBack = new CopyOnWriteArrayList<>();

    @Test
    void aFullQueueRefusesAndGivesThePlaceBackAtOnce() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        LinkMailQueue queue = new LinkMailQueue("test", 1, 2);
        CountDownLatch senderBusy = new CountDownLatch(1);
        assertThat(queue.offer(new LinkMailQueue.Job() {
            @Override
            public void send() {
                senderBusy.countDown();
                new Mail("first", stalled, sent, givenBack).send();
            }

            @Override
            public void giveBack(String reason) {
                givenBack.add("first:" + reason);
            }
        })).isTrue();
        assertThat(senderBusy.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.offer(new Mail("second", stalled, sent, givenBack))).isTrue();
        assertThat(queue.offer(new Mail("third", stalled, sent, givenBack))).isTrue();

        assertThat(queue.offer(new Mail("fourth", stalled, sent, givenBack))).isFalse();
        assertThat(givenBack).containsExactly("fourth:" + LinkMailQueue.GIVEN_BACK_QUEUE_FULL);

        stalled.countDown();
        assertThat(queue.close(Duration.ofSeconds(5))).isZero();
        assertThat(sent).containsExactly("first", "second", "third");
        assertThat(givenBack).hasSize(1);
    }

    @Test
    void shutdownSendsWhatIsQueuedWithinTheDrainTime() {
        LinkMailQueue queue = new LinkMailQueue("test", 2, 10);
        offerMails(queue, 10, new CountDownLatch(0));

        assertThat(queue.close(Duration.ofSeconds(5))).isZero();
        assertThat(sent).hasSize(10);
        assertThat(givenBack).isEmpty();
    }

    @Test
    void shutdownGivesBackWhatTheDrainTimeCouldNotSend() {
        CountDownLatch stalled = new CountDownLatch(1);
        LinkMailQueue queue = new LinkMailQueue("test", 1, 5);
        offerMails(queue, 4, stalled);

        int unsent = queue.close(Duration.ofMillis(200));

        assertThat(sent).isEmpty();
        assertThat(unsent).as("the queued ones; the one at the stalled server fails by itself").isEqualTo(3);
        assertThat(givenBack).containsExactlyInAnyOrder("mail-1:" + LinkMailQueue.GIVEN_BACK_SHUTDOWN,
                "mail-2:" + LinkMailQueue.GIVEN_BACK_SHUTDOWN, "mail-3:" + LinkMailQueue.GIVEN_BACK_SHUTDOWN);
        assertThat(queue.offer(new Mail("late", stalled, sent, givenBack))).as("no mail after shutdown").isFalse();
    }

    @Test
    void aSendThatThrowsGivesItsPlaceBackAndTheSenderGoesOn() {
        LinkMailQueue queue = new LinkMailQueue("test", 1, 5);
        queue.offer(new LinkMailQueue.Job() {
            @Override
            public void send() {
                throw new IllegalStateException("a stale session");
            }

            @Override
            public void giveBack(String reason) {
                givenBack.add("broken:" + reason);
            }
        });
        queue.offer(new Mail("next", new CountDownLatch(0), sent, givenBack));

        assertThat(queue.close(Duration.ofSeconds(5))).isZero();
        assertThat(givenBack).containsExactly("broken:" + LinkMailQueue.GIVEN_BACK_FAILED);
        assertThat(sent).containsExactly("next");
    }

    /** Mails named mail-0, mail-1 … whose sends wait for {@code mailServer}. */
    private void offerMails(LinkMailQueue queue, int count, CountDownLatch mailServer) {
        for (int mail = 0; mail < count; mail++) {
            queue.offer(new Mail("mail-" + mail, mailServer, sent, givenBack));
        }
    }
}
