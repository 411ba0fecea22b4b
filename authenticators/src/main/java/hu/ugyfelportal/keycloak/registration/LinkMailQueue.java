package hu.ugyfelportal.keycloak.registration;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's link mails that go out after their answer: a few senders and a bounded queue of our own, so a stalled
 * mail server holds at most {@code capacity} mails instead of a growing backlog whose links would arrive expired.
 * Every mail is either sent by its {@link Job} or given back ({@link Job#giveBack}): refused because the queue is
 * full, failed with an exception, or still queued when Keycloak shuts down and the drain time is over.
 */
final class LinkMailQueue {

    static final int SENDERS = 2;
    static final int CAPACITY = 32;
    /** Events are written in a millisecond or two; one that finds the queue full is written at once instead. */
    static final int EVENT_CAPACITY = 256;
    /** How long Keycloak's shutdown waits for the queued mails; a mail server's three 10 s timeouts fit once. */
    static final Duration DRAIN = Duration.ofSeconds(30);
    static final String GIVEN_BACK_QUEUE_FULL = "link_mail_queue_full";
    static final String GIVEN_BACK_FAILED = "link_mail_send_error";
    static final String GIVEN_BACK_SHUTDOWN = "link_mail_shutdown";

    private static final Logger LOG = Logger.getLogger(LinkMailQueue.class);

    /** One mail to send; {@link #giveBack} returns its place in the address's limit, with the reason. */
    interface Job {

        void send();

        void giveBack(String reason);
    }

    private final ThreadPoolExecutor senders;
    private final int capacity;
    private final String threadNamePrefix;

    /** @param name the senders' thread names: {@code ugyfelportal-<name>-<n>} */
    LinkMailQueue(String name, int senderCount, int capacity) {
        this.capacity = capacity;
        this.threadNamePrefix = "ugyfelportal-" + name;
        AtomicInteger threadNumber = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(senderCount, senderCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), task -> {
                    Thread thread = new Thread(task, threadNamePrefix + "-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    int capacity() {
        return capacity;
    }

    int senderCount() {
        return senders.getMaximumPoolSize();
    }

    /** Queues the mail, or gives its place back at once when the queue is full or shut down. */
    boolean offer(Job job) {
        try {
            senders.execute(new Queued(job));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warnf("A job of %s was not queued: %d wait already", threadNamePrefix, capacity);
            job.giveBack(GIVEN_BACK_QUEUE_FULL);
            return false;
        }
    }

    /**
     * For Keycloak's shutdown: takes no new mail, sends what is queued within {@code drain}, then gives back the
     * places of the mails still waiting.
     *
     * @return how many mails were given back unsent
     */
    int close(Duration drain) {
        senders.shutdown();
        try {
            if (senders.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> waiting = senders.shutdownNow();
        waiting.forEach(task -> ((Queued) task).job.giveBack(GIVEN_BACK_SHUTDOWN));
        if (!waiting.isEmpty()) {
            LOG.warnf("Shut down with %d link mails unsent after %d s; their places in the limit were given back",
                    waiting.size(), drain.toSeconds());
        }
        return waiting.size();
    }

    /** The queue's task: a send that throws still gives its place back, and the sender thread goes on. */
    private record Queued(Job job) implements Runnable {

        @Override
        public void run() {
            try {
                job.send();
            } catch (RuntimeException e) {
                LOG.warnf(e, "A link mail failed after the answer");
                job.giveBack(GIVEN_BACK_FAILED);
            }
        }
    }
}
