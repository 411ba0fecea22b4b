package hu.ugyfelportal.dapsimulator;

import java.time.Instant;
import java.util.List;

/**
 * A relying party's request as the wallet understood it after checking its signature: who asks (from the
 * request object's certificate), for what, and how to answer.
 *
 * @param encryption where to encrypt the answer to ({@code direct_post.jwt}); null for a plain {@code direct_post}
 */
public record VerifierRequest(String clientId, String verifierName, String responseUri, String nonce, String state,
                              String vct, List<String> claims, Instant expiresAt, ResponseEncryption encryption) {
}
