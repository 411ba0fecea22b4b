package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The DÁP QR page's status stream as its EventSource reads it: one server-sent-event connection with the browser's
 * cookies, each event ({@code wait}, {@code qr}, {@code reload}, {@code replaced}) handed over as it arrives.
 * Asynchronous: a thousand of them run on one {@link HttpClient} without a thread each.
 */
public final class QrStatusStream implements AutoCloseable {

    /** One server-sent event; {@code name} is {@link #ENDED} for a stream that ended. */
    public record Event(String name, String data, long atNanos) {

        public static final String ENDED = "(ended)";

        public Map<String, String> json() {
            try {
                return JsonSerialization.readValue(data, new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingDeque<Event> events = new LinkedBlockingDeque<>();
    private final Queue<String> transcript = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile int status;
    private volatile HttpHeaders headers;
    private volatile String retry;

    private QrStatusStream(HttpClient http, String statusUrl, String cookieHeader, Consumer<Event> listener) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(statusUrl))
                .header("Cookie", cookieHeader)
                .header("Accept", "text/event-stream")
                .GET().build();
        Consumer<Event> deliver = event -> {
            events.add(event);
            listener.accept(event);
        };
        response = http.sendAsync(request, info -> {
            status = info.statusCode();
            headers = info.headers();
            return HttpResponse.BodySubscribers.fromSubscriber(new Lines(deliver));
        });
        response.whenComplete((done, error) -> {
            if (error != null) {
                deliver.accept(new Event(Event.ENDED, String.valueOf(error), System.nanoTime()));
            }
        });
    }

    /** Opens the stream of the browser's QR page (its {@code data-status-url}). */
    public static QrStatusStream open(Browser browser, String statusUrl) {
        return new QrStatusStream(SHARED, statusUrl, browser.cookieHeader(), event -> { });
    }

    /** Opens a stream on the given client, telling {@code listener} each event as it arrives (for load tests). */
    public static QrStatusStream open(HttpClient http, String statusUrl, String cookieHeader, Consumer<Event> listener) {
        return new QrStatusStream(http, statusUrl, cookieHeader, listener);
    }

    /** The next event, or fails after {@code patience}. */
    public Event next(Duration patience) {
        try {
            Event event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("No event on the DÁP status stream within " + patience);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when nothing arrives within {@code duration}. */
    public boolean quietFor(Duration duration) {
        try {
            Event event = events.pollFirst(duration.toMillis(), TimeUnit.MILLISECONDS);
            if (event != null) {
                events.addFirst(event);
            }
            return event == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** A response header of the stream, or empty. */
    public String header(String name) {
        return headers == null ? "" : headers.firstValue(name).orElse("");
    }

    /** All response headers, for failure messages. */
    public String headers() {
        return headers == null ? "" : headers.map().toString();
    }

    /** The last {@code retry:} field (the reconnection delay, ms) the server sent. */
    public String retry() {
        return retry;
    }

    /** Every line received so far, for failure messages. */
    public String transcript() {
        return String.join("\\n", transcript);
    }

    /** Closes the connection, as a browser leaving the page does. */
    @Override
    public void close() {
        response.cancel(true);
    }

    /**
     * Server-sent events, line by line (the event-stream format of the HTML standard, the fields we use). Split here
     * on the bytes rather than with the JDK's line subscriber, which can drop the empty line that ends the last event
     * when the stream's end arrives with it.
     */
    private final class Lines implements Flow.Subscriber<List<ByteBuffer>> {
        private final Consumer<Event> deliver;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private String name;
        private StringBuilder data = new StringBuilder();

        private Lines(Consumer<Event> deliver) {
            this.deliver = deliver;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte next = buffer.get();
                    if (next == '\n') {
                        onLine(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(next);
                    }
                }
            }
        }

        private void onLine(String line) {
            transcript.add(line);
            if (line.isEmpty()) {
                if (name != null || !data.isEmpty()) {
                    deliver.accept(new Event(name == null ? "message" : name, data.toString(), System.nanoTime()));
                }
                name = null;
                data = new StringBuilder();
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring("data:".length()).strip());
            } else if (line.startsWith("retry:")) {
                retry = line.substring("retry:".length()).strip();
            }
        }

        @Override
        public void onError(Throwable error) {
            deliver.accept(new Event(Event.ENDED, String.valueOf(error), System.nanoTime()));
        }

        @Override
        public void onComplete() {
            deliver.accept(new Event(Event.ENDED, "", System.nanoTime()));
        }
    }
}
