package hu.ugyfelportal.keycloak.emailcode;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeHasherTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theRightCodeMatchesItsHashAndNoOtherDoes() {
        CodeHasher hasher = CodeHasher.withKey(CodeHasher.newKey(random));
        String hash = hasher.hash("123456");

        assertThat(hasher.matches("123456", hash)).isTrue();
        assertThat(hasher.matches("123457", hash)).isFalse();
        assertThat(hasher.matches("12345", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void theHashDoesNotContainTheCode() {
        CodeHasher hasher = CodeHasher.withKey(CodeHasher.newKey(random));

        assertThat(hasher.hash("123456")).doesNotContain("123456");
    }

    @Test
    void theHashDependsOnTheKey() {
        CodeHasher one = CodeHasher.withKey(CodeHasher.newKey(random));
        CodeHasher other = CodeHasher.withKey(CodeHasher.newKey(random));

        assertThat(one.hash("123456")).isNotEqualTo(other.hash("123456"));
        assertThat(other.matches("123456", one.hash("123456"))).isFalse();
    }

    @Test
    void theSameKeyGivesTheSameHashOnAnyNode() {
        String key = CodeHasher.newKey(random);

        assertThat(CodeHasher.withKey(key).matches("654321", CodeHasher.withKey(key).hash("654321"))).isTrue();
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> CodeHasher.withKey("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
