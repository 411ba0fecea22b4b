package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.emailcode.EmailCodeRules.Outcome;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EmailCodeRulesTest {

    private static final long SENT_AT = 1_000_000L;

    private final EmailCodeRules rules = new EmailCodeRules(EmailCodeSettings.DEFAULTS);
    private final CodeHasher hasher = CodeHasher.forAttempt(new byte[32], CodeHasher.newSalt(new SecureRandom()));
    private final EmailCodeState sent = EmailCodeState.NONE.withDeliveredCode(hasher.hash("123456"), SENT_AT);

    @Test
    void theRightCodeInTimeIsAcceptedOnce() {
        EmailCodeRules.Check check = rules.check(sent, "123456", hasher, SENT_AT + 1000);

        assertThat(check.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(check.state().hasLiveCode()).isFalse();
        assertThat(rules.check(check.state(), "123456", hasher, SENT_AT + 2000).outcome())
                .isEqualTo(Outcome.NO_LIVE_CODE);
    }

    @Test
    void spacesInTheEntryAreIgnored() {
        assertThat(rules.check(sent, " 123 456 ", hasher, SENT_AT).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void expiresExactlyAtTheEndOfItsLifetime() {
        long lifetime = Duration.ofSeconds(300).toMillis();

        assertThat(rules.check(sent, "123456", hasher, SENT_AT + lifetime - 1).outcome()).isEqualTo(Outcome.ACCEPTED);
        EmailCodeRules.Check expired = rules.check(sent, "123456", hasher, SENT_AT + lifetime);
        assertThat(expired.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(expired.state().hasLiveCode()).isFalse();
    }

    @Test
    void wrongCodesCountDownTheTriesAndTheFifthVoidsTheCode() {
        EmailCodeState state = sent;
        for (int tryNumber = 1; tryNumber <= 4; tryNumber++) {
            EmailCodeRules.Check check = rules.check(state, "000000", hasher, SENT_AT);
            assertThat(check.outcome()).isEqualTo(Outcome.WRONG);
            assertThat(check.triesLeft()).isEqualTo(5 - tryNumber);
            state = check.state();
        }
        EmailCodeRules.Check fifth = rules.check(state, "000000", hasher, SENT_AT);

        assertThat(fifth.outcome()).isEqualTo(Outcome.TOO_MANY_TRIES);
        assertThat(rules.check(fifth.state(), "123456", hasher, SENT_AT).outcome()).isEqualTo(Outcome.NO_LIVE_CODE);
    }

    @Test
    void theRightCodeStillWorksAfterFewerWrongTriesThanTheLimit() {
        EmailCodeState state = sent;
        for (int i = 0; i < 4; i++) {
            state = rules.check(state, "000000", hasher, SENT_AT).state();
        }
        assertThat(rules.check(state, "123456", hasher, SENT_AT).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void anEmptyEntryIsNotATry() {
        EmailCodeRules.Check check = rules.check(sent, "  ", hasher, SENT_AT);

        assertThat(check.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(check.state()).isEqualTo(sent);
        assertThat(check.triesLeft()).isEqualTo(5);
    }

    @Test
    void aNewCodeVoidsTheOldOneAndResetsTheTries() {
        EmailCodeState tried = rules.check(sent, "000000", hasher, SENT_AT).state();
        EmailCodeState resent = tried.withDeliveredCode(hasher.hash("654321"), SENT_AT + 31_000);

        assertThat(resent.wrongTries()).isZero();
        assertThat(resent.sends()).isEqualTo(2);
        assertThat(rules.check(resent, "123456", hasher, SENT_AT + 32_000).outcome()).isEqualTo(Outcome.WRONG);
        assertThat(rules.check(resent, "654321", hasher, SENT_AT + 32_000).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void resendWaitsForTheCooldownRoundedUpToWholeSeconds() {
        assertThat(rules.mayResend(sent, SENT_AT)).isEqualTo(new EmailCodeRules.TooSoon(30));
        assertThat(rules.mayResend(sent, SENT_AT + 29_001)).isEqualTo(new EmailCodeRules.TooSoon(1));
        assertThat(rules.mayResend(sent, SENT_AT + 30_000)).isEqualTo(new EmailCodeRules.Allowed());
    }

    @Test
    void theFirstSendNeedsNoWait() {
        assertThat(rules.mayResend(EmailCodeState.NONE, 0)).isEqualTo(new EmailCodeRules.Allowed());
    }

    @Test
    void atMostFiveSendsPerLoginAttempt() {
        EmailCodeState state = EmailCodeState.NONE;
        long now = SENT_AT;
        for (int i = 0; i < 5; i++) {
            assertThat(rules.mayResend(state, now)).isEqualTo(new EmailCodeRules.Allowed());
            state = state.withDeliveredCode(hasher.hash("11111" + i), now);
            now += 30_000;
        }
        assertThat(rules.mayResend(state, now + 3_600_000)).isEqualTo(new EmailCodeRules.LimitReached(5));
    }

    @Test
    void stateSurvivesTheTripThroughSessionNotes() {
        EmailCodeState tried = rules.check(sent, "000000", hasher, SENT_AT).state();

        assertThat(EmailCodeState.fromNotes(tried.toNotes()::get)).isEqualTo(tried);
        assertThat(EmailCodeState.fromNotes(EmailCodeState.NONE.toNotes()::get)).isEqualTo(EmailCodeState.NONE);
        assertThat(tried.toNotes().values()).doesNotContain("123456");
    }
}
