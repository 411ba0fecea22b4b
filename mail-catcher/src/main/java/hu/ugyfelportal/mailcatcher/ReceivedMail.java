package hu.ugyfelportal.mailcatcher;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One caught mail, when it arrived, with its plain-text and HTML bodies already taken apart. */
public record ReceivedMail(Instant receivedAt, List<String> recipients, String subject, String textBody,
                           String htmlBody) {

    static ReceivedMail of(StoredMessage stored) {
        MimeMessage message = stored.getMimeMessage();
        try {
            return new ReceivedMail(stored.getReceivedDate().toInstant(), recipientsOf(message), message.getSubject(),
                    findBody(message, "text/plain"), findBody(message, "text/html"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read a caught mail", e);
        }
    }

    /** Reads only the recipients, so a mailbox is found without taking every caught mail's bodies apart. */
    static boolean isFor(StoredMessage message, String address) {
        try {
            return isFor(recipientsOf(message.getMimeMessage()), address);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not read a caught mail", e);
        }
    }

    public boolean isFor(String address) {
        return isFor(recipients, address);
    }

    private static boolean isFor(List<String> recipients, String address) {
        return recipients.stream().anyMatch(recipient -> recipient.equalsIgnoreCase(address)
                || recipient.toLowerCase().endsWith("<" + address.toLowerCase() + ">"));
    }

    private static List<String> recipientsOf(MimeMessage message) throws MessagingException {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static String findBody(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart bodyPart = multipart.getBodyPart(i);
                String body = findBody(bodyPart, mimeType);
                if (body != null) {
                    return body;
                }
            }
        }
        return null;
    }
}
