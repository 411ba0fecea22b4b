package hu.ugyfelportal.keycloak.registration;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-address limit of registration and password links: one mail per cool-down and a few per hour. The places
 * are entries of Keycloak's single-use store (cluster-wide, with their own expiry), taken with an atomic
 * put-if-absent, so every node counts the same and no clean-up is needed. Keys carry a SHA-256 of the address,
 * never the address itself.
 */
final class LinkMailLimit {

    static final String REFUSED_COOLDOWN = "cooldown";
    static final String REFUSED_HOURLY_LIMIT = "hourly_limit";
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final String KEY_PREFIX = "ugyfelportal.linkMail.";
    private static final String COOLDOWN_END = "end";

    private LinkMailLimit() {
    }

    /**
     * What a request got: a mail may go out ({@link #granted()}), or the reason it may not. The places are kept
     * until they expire; {@link #release} gives them back when the mail could not be sent.
     */
    record Place(String refusal, List<String> keys, long retryAfterSeconds) {

        boolean granted() {
            return refusal == null;
        }
    }

    static Place take(KeycloakSession session, RealmModel realm, String email, PasswordLinkConfig config) {
        SingleUseObjectProvider store = session.singleUseObjects();
        String address = KEY_PREFIX + addressHash(realm, email);
        String cooldownKey = address + ".cooldown";
        // When the cool-down ends, for the page that tells the customer (putIfAbsent keeps no value).
        String cooldownEndKey = cooldownKey + ".end";
        long cooldownSeconds = config.mailCooldown().toSeconds();
        if (cooldownSeconds > 0 && !store.putIfAbsent(cooldownKey, cooldownSeconds)) {
            Map<String, String> end = store.get(cooldownEndKey);
            long left = end == null ? cooldownSeconds : Long.parseLong(end.get(COOLDOWN_END)) - Time.currentTime();
            return new Place(REFUSED_COOLDOWN, List.of(), Math.max(1, left));
        }
        if (cooldownSeconds > 0) {
            store.put(cooldownEndKey, cooldownSeconds,
                    Map.of(COOLDOWN_END, Long.toString(Time.currentTime() + cooldownSeconds)));
        }
        // Each mail of the last hour holds one of the hour's places until it expires: a sliding window.
        for (int slot = 0; slot < config.mailsPerHour(); slot++) {
            String slotKey = address + ".hour." + slot;
            if (store.putIfAbsent(slotKey, WINDOW.toSeconds())) {
                return new Place(null, cooldownSeconds > 0 ? List.of(cooldownKey, cooldownEndKey, slotKey)
                        : List.of(slotKey), 0);
            }
        }
        return new Place(REFUSED_HOURLY_LIMIT, List.of(), 0);
    }

    static void release(KeycloakSession session, Place place) {
        place.keys().forEach(session.singleUseObjects()::remove);
    }

    /** Keycloak keeps e-mail addresses in lower case, so every spelling of one address counts together. */
    static String addressHash(RealmModel realm, String email) {
        String input = realm.getId() + "\n" + email.trim().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
