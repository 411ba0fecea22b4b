package hu.ugyfelportal.keycloak.emailcode;

/**
 * The decisions about a login code, with no Keycloak types: is an entered code accepted, may another code be
 * sent. Every decision returns the state to keep, so the caller only stores it.
 */
final class EmailCodeRules {

    private final EmailCodeSettings settings;

    EmailCodeRules(EmailCodeSettings settings) {
        this.settings = settings;
    }

    enum Outcome {
        /** The code is right and in time; it is used up. */
        ACCEPTED,
        /** Nothing was entered; not counted as a try. */
        EMPTY,
        /** There is no live code (never delivered, used, expired or void): a new one must be requested. */
        NO_LIVE_CODE,
        /** The code's lifetime is over; it is void. Not compared, so not counted as a guess. */
        EXPIRED,
        /** A wrong code; tries are left. */
        WRONG,
        /** A wrong code that used up the last try; the code is void. */
        TOO_MANY_TRIES
    }

    record Check(Outcome outcome, EmailCodeState state, int triesLeft) {
    }

    Check check(EmailCodeState state, String entered, CodeHasher hasher, long nowMillis) {
        String code = entered == null ? "" : entered.replaceAll("\\s", "");
        if (code.isEmpty()) {
            return new Check(Outcome.EMPTY, state, triesLeft(state));
        }
        if (!state.hasLiveCode()) {
            return new Check(Outcome.NO_LIVE_CODE, state, 0);
        }
        if (isExpired(state, nowMillis)) {
            return new Check(Outcome.EXPIRED, state.withoutCode(), 0);
        }
        if (hasher.matches(code, state.codeHash())) {
            return new Check(Outcome.ACCEPTED, state.withoutCode(), 0);
        }
        EmailCodeState tried = state.withWrongTry();
        int left = triesLeft(tried);
        return left > 0
                ? new Check(Outcome.WRONG, tried, left)
                : new Check(Outcome.TOO_MANY_TRIES, tried.withoutCode(), 0);
    }

    /** A code is valid for exactly its lifetime: at issue time + lifetime it is expired. */
    boolean isExpired(EmailCodeState state, long nowMillis) {
        return nowMillis - state.issuedAtMillis() >= settings.lifetime().toMillis();
    }

    sealed interface Resend permits Allowed, TooSoon, LimitReached {
    }

    record Allowed() implements Resend {
    }

    /** @param secondsToWait rounded up, so waiting that long is always enough */
    record TooSoon(long secondsToWait) implements Resend {
    }

    record LimitReached(int maxSends) implements Resend {
    }

    Resend mayResend(EmailCodeState state, long nowMillis) {
        if (state.sends() >= settings.maxSends()) {
            return new LimitReached(settings.maxSends());
        }
        if (state.sends() > 0) {
            long waitMillis = state.lastSentMillis() + settings.resendCooldown().toMillis() - nowMillis;
            if (waitMillis > 0) {
                return new TooSoon((waitMillis + 999) / 1000);
            }
        }
        return new Allowed();
    }

    private int triesLeft(EmailCodeState state) {
        return Math.max(0, settings.maxWrongTries() - state.wrongTries());
    }
}
