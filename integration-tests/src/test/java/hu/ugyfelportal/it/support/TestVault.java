package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The test servers' vault: Keycloak's files-plaintext vault in a directory of this run, holding the DÁP signing key
 * and the DÁP pseudonym key as docs/operations.md tells an operator to keep them. Entries of the realm
 * {@value TestSettings#REALM} are named as Keycloak's default resolver finds them ({@code <realm>_<entry>}); realms
 * a test makes besides (the realm upgrade's) find the entries without the realm's name, through Keycloak's second
 * resolver, and their pseudonym key differs, so a pseudonym proves which entry made it.
 */
public final class TestVault {

    private static final String SIGNING_KEY = "dap-signing-key";
    private static final String PSEUDONYM_KEY = "dap-pseudonym-key";
    private static final int PSEUDONYM_KEY_BYTES = 48;

    private TestVault() {
    }

    /** Writes the entries and returns the server options, as environment variables, that make Keycloak read them. */
    static Map<String, String> write(String signingKeyPem) {
        Path dir = directory();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(TestSettings.REALM + "_" + SIGNING_KEY), signingKeyPem);
            Files.writeString(dir.resolve(SIGNING_KEY), signingKeyPem);
            Files.writeString(dir.resolve(TestSettings.REALM + "_" + PSEUDONYM_KEY), randomSecret());
            Files.writeString(dir.resolve(PSEUDONYM_KEY), randomSecret());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("KC_VAULT", "file", "KC_VAULT_DIR", dir.toString(),
                "KC_SPI_VAULT__FILE__KEY_RESOLVERS", "REALM_UNDERSCORE_KEY,KEY_ONLY");
    }

    /** The pseudonym key of the realm {@value TestSettings#REALM}, as the HMAC key it is. */
    public static byte[] pseudonymKey() {
        try {
            return Files.readString(directory().resolve(TestSettings.REALM + "_" + PSEUDONYM_KEY)).strip()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        return TestSettings.keycloakWorkDir().resolve("vault");
    }

    private static String randomSecret() {
        byte[] secret = new byte[PSEUDONYM_KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret) + "\n";
    }
}
