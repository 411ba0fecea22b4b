package hu.ugyfelportal.keycloak.emailcode;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CodeGeneratorTest {

    private final CodeGenerator generator = new CodeGenerator(new SecureRandom());

    @Test
    void codesHaveTheConfiguredNumberOfDecimalDigits() {
        for (int length = 6; length <= 12; length++) {
            assertThat(generator.next(length)).matches("[0-9]{" + length + "}");
        }
    }

    @Test
    void everyDigitAppearsInEveryPosition() {
        // 2000 codes: the chance that a fair generator misses one digit at one position is about 6 * 10 * 0.9^2000.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = generator.next(6);
            for (int position = 0; position < 6; position++) {
                seen.add(position + ":" + code.charAt(position));
            }
        }
        assertThat(seen).hasSize(60);
    }

    @Test
    void codesDoNotRepeatInPractice() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            codes.add(generator.next(12));
        }
        assertThat(codes).hasSize(200);
    }
}
