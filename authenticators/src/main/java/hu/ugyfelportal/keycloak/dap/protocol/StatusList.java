package hu.ugyfelportal.keycloak.dap.protocol;

import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Token Status List (draft-ietf-oauth-status-list §4): one status of {@code bits} bits (1, 2, 4 or 8) per index,
 * packed into bytes from the least significant bit up, bytes in their natural order; {@code lst} is that byte array
 * ZLIB-compressed (RFC 1950 around DEFLATE, RFC 1951) and base64url-encoded.
 */
public final class StatusList {

    public static final int VALID = 0x00;
    public static final int INVALID = 0x01;
    public static final int SUSPENDED = 0x02;

    private static final Set<Integer> ALLOWED_BITS = Set.of(1, 2, 4, 8);

    private final int bits;
    private final byte[] bytes;

    private StatusList(int bits, byte[] bytes) {
        this.bits = bits;
        this.bytes = bytes;
    }

    /**
     * @param maxBytes the most bytes the list may inflate to: a small {@code lst} can otherwise expand without bound
     */
    public static StatusList decode(int bits, String lst, int maxBytes) throws PidStatusException {
        if (!ALLOWED_BITS.contains(bits)) {
            throw invalid("status list bits is " + bits + ", not 1, 2, 4 or 8");
        }
        byte[] compressed;
        try {
            compressed = Base64.getUrlDecoder().decode(lst);
        } catch (IllegalArgumentException e) {
            throw invalid("status list lst is not base64url");
        }
        return new StatusList(bits, inflate(compressed, maxBytes));
    }

    public int bits() {
        return bits;
    }

    /** How many indexes the list holds. */
    public long size() {
        return (long) bytes.length * (Byte.SIZE / bits);
    }

    /** The status at {@code index}; an index outside the list says nothing, so it is refused (§8.3). */
    public int statusAt(long index) throws PidStatusException {
        if (index < 0 || index >= size()) {
            throw invalid("status index is outside the list of " + size() + " entries");
        }
        int perByte = Byte.SIZE / bits;
        int value = bytes[(int) (index / perByte)] & 0xFF;
        int shift = (int) (index % perByte) * bits;
        return (value >>> shift) & ((1 << bits) - 1);
    }

    private static byte[] inflate(byte[] compressed, int maxBytes) throws PidStatusException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int count = inflater.inflate(buffer);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw invalid("status list lst is truncated or needs a preset dictionary");
                }
                if (out.size() + count > maxBytes) {
                    throw invalid("status list inflates to more than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, count);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw invalid("status list lst is not ZLIB data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static PidStatusException invalid(String reason) {
        return new PidStatusException(Problem.LIST_INVALID, reason);
    }
}
