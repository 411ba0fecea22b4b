package hu.ugyfelportal.mailcatcher;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the mail catcher for the local run: {@code java -jar mail-catcher-standalone.jar [smtpPort] [httpPort]}.
 * Every mail is also printed to the console.
 */
public final class MailCatcherMain {

    private static final int DEFAULT_SMTP_PORT = 2525;
    private static final int DEFAULT_HTTP_PORT = 8025;

    private MailCatcherMain() {
    }

    public static void main(String[] args) throws Exception {
        int smtpPort = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SMTP_PORT;
        int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_HTTP_PORT;

        MailCatcher catcher = new MailCatcher(smtpPort);
        catcher.start();
        InboxWebPage page = new InboxWebPage(catcher, httpPort);
        page.start();
        System.out.printf("Mail catcher: SMTP on 127.0.0.1:%d, inbox at http://localhost:%d/%n", smtpPort, httpPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            page.close();
            catcher.stop();
            stopped.countDown();
        }));
        printNewMailsUntil(catcher, stopped);
    }

    private static void printNewMailsUntil(MailCatcher catcher, CountDownLatch stopped) throws InterruptedException {
        int printed = 0;
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            var mails = catcher.allMails();
            for (; printed < mails.size(); printed++) {
                ReceivedMail mail = mails.get(printed);
                System.out.printf("%n--- mail to %s: %s ---%n%s%n", String.join(", ", mail.recipients()),
                        mail.subject(), mail.textBody());
            }
        }
    }
}
