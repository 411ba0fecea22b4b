package hu.ugyfelportal.keycloak.dap.qr;

import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Sends the events of one server-sent-event stream, each with the browser's reconnection delay, from any thread.
 * <p>
 * A stream's last event ends it only once that event is written: Keycloak's Quarkus REST ends the response as soon
 * as the {@code Multi} completes, even while the last write is still under way, which lost the end of the last event
 * and logged a broken pipe. It asks for the next item only when a write has finished, so the stream completes once
 * as many writes have finished as events were sent.
 */
final class SseEvents {

    private final Sse sse;
    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final long retryMillis;
    private long emitted;
    private long written;
    private boolean ending;

    SseEvents(Sse sse, MultiEmitter<? super OutboundSseEvent> emitter, long retryMillis) {
        this.sse = sse;
        this.emitter = emitter;
        this.retryMillis = retryMillis;
        emitter.onRequest(this::requested);
    }

    /** One named event with a JSON object as its data; {@code last} ends the stream after it. */
    void send(String name, Map<String, String> data, boolean last) {
        try {
            send(sse.newEventBuilder().name(name).data(JsonSerialization.writeValueAsString(data))
                    .reconnectDelay(retryMillis).build(), last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the reconnection delay, and the stream ends: the browser connects again after it. */
    void reconnectLater() {
        send(sse.newEventBuilder().comment("busy").reconnectDelay(retryMillis).build(), true);
    }

    /** The server stops: the stream ends now. */
    synchronized void end() {
        ending = true;
        emitter.complete();
    }

    private synchronized void send(OutboundSseEvent event, boolean last) {
        if (ending) {
            return;
        }
        emitted++;
        ending = last;
        emitter.emit(event);
    }

    /**
     * Quarkus REST asks for one item when it subscribes, before this sender exists, and then for one more each time
     * a write has finished: so each call here is one finished write.
     */
    private synchronized void requested(long count) {
        written++;
        if (ending && written >= emitted) {
            emitter.complete();
        }
    }
}
