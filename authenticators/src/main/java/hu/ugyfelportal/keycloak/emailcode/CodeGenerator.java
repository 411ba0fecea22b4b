package hu.ugyfelportal.keycloak.emailcode;

import java.security.SecureRandom;

/** Makes login codes: decimal digits, each drawn uniformly from a {@link SecureRandom}. */
final class CodeGenerator {

    private final SecureRandom random;

    CodeGenerator(SecureRandom random) {
        this.random = random;
    }

    String next(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("A code needs at least one digit");
        }
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
