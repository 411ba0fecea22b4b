package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A slow mail server in front of the tests' real one: each connection waits before it is passed on to the mail
 * catcher, so the SMTP greeting comes only after the stall, as from an overloaded relay. Mails still arrive.
 */
public final class StallingSmtpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Duration stall;
    private final CountDownLatch recovered = new CountDownLatch(1);

    public StallingSmtpRelay(int targetPort, Duration stall) {
        this.targetPort = targetPort;
        this.stall = stall;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("stalling-smtp-accept", this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon("stalling-smtp-relay", () -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = stalledConnection()) {
            Thread upstream = daemon("stalling-smtp-upstream", () -> pipe(client, target));
            pipe(target, client);
            upstream.join();
        } catch (IOException | InterruptedException e) {
            // The client or the mail catcher went away: the connection ends, as with a real relay.
        }
    }

    /** From now on, and for the connections still stalled, the relay passes mail on at once. */
    public void recover() {
        recovered.countDown();
    }

    private Socket stalledConnection() throws IOException, InterruptedException {
        recovered.await(stall.toMillis(), TimeUnit.MILLISECONDS);
        return new Socket(InetAddress.getLoopbackAddress(), targetPort);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // Either side closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
