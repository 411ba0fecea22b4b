package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.common.StoredNotes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one login attempt remembers about its e-mailed code, kept in authentication-session notes so that any
 * cluster node can check a code another node sent. Holds the code's keyed hash only, never the code.
 *
 * @param codeHash       hash of the live code; null when there is none (never sent, used, expired or void)
 * @param issuedAtMillis when the live code was sent
 * @param wrongTries     wrong entries against the live code
 * @param sends          codes delivered in this login attempt
 * @param lastSentMillis when the last code was delivered; 0 before the first one
 */
record EmailCodeState(String codeHash, long issuedAtMillis, int wrongTries, int sends, long lastSentMillis) {

    static final String PREFIX = "ugyfelportal.emailCode.";
    static final String HASH = PREFIX + "hash";
    static final String ISSUED_AT = PREFIX + "issuedAt";
    static final String WRONG_TRIES = PREFIX + "wrongTries";
    static final String SENDS = PREFIX + "sends";
    static final String LAST_SENT = PREFIX + "lastSent";
    /** Every note this record writes; a null value in {@link #toNotes()} means "remove". */
    static final List<String> NOTES = List.of(HASH, ISSUED_AT, WRONG_TRIES, SENDS, LAST_SENT);

    static final EmailCodeState NONE = new EmailCodeState(null, 0, 0, 0, 0);

    boolean hasLiveCode() {
        return codeHash != null;
    }

    /** A newly delivered code replaces the previous one, which is thereby void. */
    EmailCodeState withDeliveredCode(String hash, long nowMillis) {
        return new EmailCodeState(hash, nowMillis, 0, sends + 1, nowMillis);
    }

    EmailCodeState withWrongTry() {
        return new EmailCodeState(codeHash, issuedAtMillis, wrongTries + 1, sends, lastSentMillis);
    }

    EmailCodeState withoutCode() {
        return new EmailCodeState(null, 0, 0, sends, lastSentMillis);
    }

    static EmailCodeState fromNotes(UnaryOperator<String> note) {
        return new EmailCodeState(note.apply(HASH), number(note.apply(ISSUED_AT)), (int) number(note.apply(WRONG_TRIES)),
                (int) number(note.apply(SENDS)), number(note.apply(LAST_SENT)));
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put(HASH, codeHash);
        notes.put(ISSUED_AT, codeHash == null ? null : String.valueOf(issuedAtMillis));
        notes.put(WRONG_TRIES, codeHash == null ? null : String.valueOf(wrongTries));
        notes.put(SENDS, sends == 0 ? null : String.valueOf(sends));
        notes.put(LAST_SENT, lastSentMillis == 0 ? null : String.valueOf(lastSentMillis));
        return notes;
    }

    /** A note that is missing, or not a number (written by another version), counts as absent: 0. */
    private static long number(String value) {
        return StoredNotes.number(value).orElse(0L);
    }
}
