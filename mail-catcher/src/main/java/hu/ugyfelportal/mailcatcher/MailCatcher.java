package hu.ugyfelportal.mailcatcher;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A real SMTP server (GreenMail) on loopback that keeps every mail it receives.
 * It can be stopped and started again on the same port, so tests can play "the mail server is down".
 */
public final class MailCatcher implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final int smtpPort;
    private GreenMail greenMail;

    public MailCatcher(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new GreenMail(setup);
        greenMail.start();
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every caught mail in the order it arrived, across recipients (GreenMail keeps them per mailbox). */
    public synchronized List<ReceivedMail> allMails() {
        return storedMessages().stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate))
                .map(ReceivedMail::of).toList();
    }

    public List<ReceivedMail> mailsFor(String address) {
        return messagesFor(address).stream().map(ReceivedMail::of).toList();
    }

    /**
     * Waits until {@code address} has received more than {@code alreadySeen} mails and returns the next one.
     * Callers count {@link #mailsFor} before the action that sends, then wait for what it sent.
     */
    public Optional<ReceivedMail> awaitMail(String address, int alreadySeen, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<StoredMessage> messages = messagesFor(address);
            if (messages.size() > alreadySeen) {
                return Optional.of(ReceivedMail.of(messages.get(alreadySeen)));
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Only the address's messages, so the load tests' many caught mails are not all parsed on every look. */
    private List<StoredMessage> messagesFor(String address) {
        return storedMessages().stream().filter(message -> ReceivedMail.isFor(message, address)).toList();
    }

    private synchronized List<StoredMessage> storedMessages() {
        if (greenMail == null) {
            return List.of();
        }
        return greenMail.getManagers().getImapHostManager().getAllMessages();
    }

    public synchronized void purge() {
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("Could not empty the caught mails", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
