package hu.ugyfelportal.keycloak.emailcode;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeHasherTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] realmSecret = secret();

    @Test
    void theRightCodeMatchesItsHashAndNoOtherDoes() {
        CodeHasher hasher = CodeHasher.forAttempt(realmSecret, CodeHasher.newSalt(random));
        String hash = hasher.hash("123456");

        assertThat(hasher.matches("123456", hash)).isTrue();
        assertThat(hasher.matches("123457", hash)).isFalse();
        assertThat(hasher.matches("12345", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void theHashDoesNotContainTheCode() {
        assertThat(CodeHasher.forAttempt(realmSecret, CodeHasher.newSalt(random)).hash("123456")).doesNotContain("123456");
    }

    @Test
    void eachLoginAttemptHashesDifferently() {
        CodeHasher one = CodeHasher.forAttempt(realmSecret, CodeHasher.newSalt(random));
        CodeHasher other = CodeHasher.forAttempt(realmSecret, CodeHasher.newSalt(random));

        assertThat(one.hash("123456")).isNotEqualTo(other.hash("123456"));
        assertThat(other.matches("123456", one.hash("123456"))).isFalse();
    }

    @Test
    void theSaltAloneIsNotEnoughWithoutTheRealmSecret() {
        String salt = CodeHasher.newSalt(random);
        String hash = CodeHasher.forAttempt(realmSecret, salt).hash("123456");

        assertThat(CodeHasher.forAttempt(secret(), salt).matches("123456", hash)).isFalse();
    }

    @Test
    void theSameSecretAndSaltGiveTheSameHashOnAnyNode() {
        String salt = CodeHasher.newSalt(random);

        assertThat(CodeHasher.forAttempt(realmSecret.clone(), salt)
                .matches("654321", CodeHasher.forAttempt(realmSecret, salt).hash("654321"))).isTrue();
    }

    @Test
    void refusesShortRealmSecrets() {
        assertThatThrownBy(() -> CodeHasher.forAttempt(new byte[16], CodeHasher.newSalt(random)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] secret() {
        byte[] secret = new byte[64];
        random.nextBytes(secret);
        return secret;
    }
}
