package hu.ugyfelportal.dapsimulator;

import org.keycloak.jose.jws.JWSBuilder;

import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The PID issuer's Token Status Lists (draft-ietf-oauth-status-list): each test identity has an index (its place
 * in {@link TestIdentity#ALL}) and a status, VALID unless revoked or suspended through the API. Lists are numbered;
 * new PIDs name the current one ({@code …/status-lists/<n>}), and {@link #startNewList()} moves on to the next, so a
 * test can start from a list no verifier has cached yet. Every list is served with the same statuses as a status
 * list token (2 bits per entry, ZLIB-compressed, signed like the PIDs with the issuer's key and {@code x5c}), unless
 * {@link Serving} makes it fail for a test. Each GET of a list is counted.
 */
public final class StatusLists {

    /** Lets a verifier cache a list for five minutes (its own maximum may be shorter). */
    public static final long TTL_SECONDS = 300;
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final int BITS = 2;
    /** How long a {@link Serving#HANGING} list keeps the request waiting without an answer. */
    private static final Duration HANG = Duration.ofSeconds(30);

    /** A PID's status as the list says it (§7.1). */
    public enum Status {
        VALID(0x00), REVOKED(0x01), SUSPENDED(0x02);

        private final int value;

        Status(int value) {
            this.value = value;
        }

        public static Status of(String name) {
            return Arrays.stream(values()).filter(status -> status.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No status '" + name + "': valid, revoked or suspended"));
        }
    }

    /** How the lists are served: as they should be, or with one fault for a test of the verifier. */
    public enum Serving {
        NORMAL, UNAVAILABLE, HANGING, UNTRUSTED_KEY, OTHER_SUB, EXPIRED;

        public static Serving of(String name) {
            return Arrays.stream(values()).filter(mode -> mode.parameter().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No serving mode '" + name + "': one of "
                            + Arrays.stream(values()).map(Serving::parameter).toList()));
        }

        public String parameter() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a GET of a list gets: an HTTP status and, for 200, the token. */
    public record Answer(int status, String token) {
    }

    private final String listsUri;
    private final DevCertificates.KeyAndCertificate signer;
    private final List<X509Certificate> x5c;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final AtomicInteger current = new AtomicInteger(1);
    private volatile Serving serving = Serving.NORMAL;

    /** @param listsUri where the lists are served, ending in {@code /}: list {@code n} is at {@code listsUri + n} */
    StatusLists(String listsUri, DevCertificates.KeyAndCertificate signer, List<X509Certificate> x5c) {
        this.listsUri = listsUri;
        this.signer = signer;
        this.x5c = List.copyOf(x5c);
    }

    /** The {@code status} claim of a PID issued now for {@code identity}. */
    Map<String, Object> reference(TestIdentity identity) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("idx", TestIdentity.ALL.indexOf(identity));
        list.put("uri", uri(current.get()));
        return Map.of("status_list", list);
    }

    public void set(TestIdentity identity, Status status) {
        statuses.put(identity.id(), status);
    }

    /** New PIDs name a new list from now on; returns its URI. */
    public String startNewList() {
        return uri(current.incrementAndGet());
    }

    public String currentUri() {
        return uri(current.get());
    }

    /** How many times the list at {@code uri} was fetched. */
    public int fetches(String uri) {
        Optional<Integer> number = number(uri);
        return number.map(n -> fetches.getOrDefault(n, new AtomicInteger()).get()).orElse(0);
    }

    public void serve(Serving mode) {
        serving = mode;
    }

    /** Answers a GET of list {@code number}, as {@link #serve} says. */
    public Answer get(int number) throws InterruptedException {
        if (number < 1 || number > current.get()) {
            return new Answer(404, null);
        }
        fetches.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
        Serving mode = serving;
        if (mode == Serving.HANGING) {
            Instant until = Instant.now().plus(HANG);
            while (serving == Serving.HANGING && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            return new Answer(503, null);
        }
        if (mode == Serving.UNAVAILABLE) {
            return new Answer(503, null);
        }
        return new Answer(200, token(number, mode));
    }

    private String token(int number, Serving mode) {
        Instant now = Instant.now();
        Instant issuedAt = mode == Serving.EXPIRED ? now.minus(VALIDITY).minusSeconds(60) : now;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", mode == Serving.OTHER_SUB ? uri(number) + "-other" : uri(number));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(VALIDITY).getEpochSecond());
        claims.put("ttl", TTL_SECONDS);
        claims.put("status_list", Map.of("bits", BITS, "lst", compressedList()));
        DevCertificates.KeyAndCertificate key = mode == Serving.UNTRUSTED_KEY
                ? DevCertificates.selfSigned("Not the PID issuer", null) : signer;
        List<X509Certificate> chain = mode == Serving.UNTRUSTED_KEY ? List.of(key.certificate()) : x5c;
        return new JWSBuilder().type("statuslist+jwt").x5c(chain).jsonContent(claims).sign(Es256.signer(key.keys()));
    }

    /** 2 bits per identity, packed from the least significant bit of each byte up (§4.1), then ZLIB (RFC 1950). */
    private String compressedList() {
        byte[] bytes = new byte[(TestIdentity.ALL.size() * BITS + 7) / 8];
        for (int index = 0; index < TestIdentity.ALL.size(); index++) {
            int value = statuses.getOrDefault(TestIdentity.ALL.get(index).id(), Status.VALID).value;
            bytes[index * BITS / 8] |= (byte) (value << (index * BITS % 8));
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    private String uri(int number) {
        return listsUri + number;
    }

    /** The list number in one of our URIs. */
    Optional<Integer> number(String uri) {
        if (uri == null || !uri.startsWith(listsUri)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(uri.substring(listsUri.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
