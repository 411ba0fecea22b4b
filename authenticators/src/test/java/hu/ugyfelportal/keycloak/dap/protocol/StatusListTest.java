package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a Token Status List, checked against the draft's own examples and test vectors. */
class StatusListTest {

    private static final int MAX_BYTES = 16 * 1024 * 1024;

    @Test
    void readsTheDraftsOneBitExampleFromTheLeastSignificantBitUp() throws Exception {
        // §4.1: byte 0 = 0xB9, byte 1 = 0xA3; compressed 78dadbb918000217015d.
        StatusList list = StatusList.decode(1, base64Url("78dadbb918000217015d"), MAX_BYTES);

        assertThat(statuses(list)).containsExactly(1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1);
        assertThat(StatusList.decode(1, "eNrbuRgAAhcBXQ", MAX_BYTES).statusAt(15)).isEqualTo(1);
    }

    @Test
    void readsTheDraftsTwoBitExampleWithSuspended() throws Exception {
        // §4.1: bytes 0xC9 0x44 0xF9; compressed 78da3be9f2130003df0207.
        StatusList list = StatusList.decode(2, base64Url("78da3be9f2130003df0207"), MAX_BYTES);

        assertThat(statuses(list)).containsExactly(1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3);
        assertThat(StatusList.decode(2, "eNo76fITAAPfAgc", MAX_BYTES).statusAt(1)).isEqualTo(StatusList.SUSPENDED);
    }

    @Test
    void readsEveryTestVectorOfTheDraftForOneTwoFourAndEightBits() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/status-list-test-vectors.json")) {
            vectors = JsonSerialization.mapper.readTree(in).get("vectors");
        }
        List<Integer> bitsSeen = new ArrayList<>();
        for (JsonNode vector : vectors) {
            int bits = vector.get("bits").asInt();
            StatusList list = StatusList.decode(bits, vector.get("lst").asText(), MAX_BYTES);
            Map<Long, Integer> expected = new HashMap<>();
            vector.get("statuses").fields().forEachRemaining(entry ->
                    expected.put(Long.parseLong(entry.getKey()), entry.getValue().asInt()));

            List<String> wrong = new ArrayList<>();
            for (long index = 0; index < list.size(); index++) {
                if (list.statusAt(index) != expected.getOrDefault(index, 0)) {
                    wrong.add("status[" + index + "] = " + list.statusAt(index));
                }
            }

            assertThat(list.size()).as("%d-bit list size", bits).isEqualTo(vector.get("size").asLong());
            assertThat(wrong).as("%d-bit entries that differ from the draft", bits).isEmpty();
            bitsSeen.add(bits);
        }
        assertThat(bitsSeen).containsExactly(1, 2, 4, 8);
    }

    @Test
    void refusesAnIndexOutsideTheList() throws Exception {
        StatusList list = StatusList.decode(1, "eNrbuRgAAhcBXQ", MAX_BYTES);

        assertThatThrownBy(() -> list.statusAt(16)).isInstanceOf(PidStatusException.class)
                .hasMessageContaining("outside the list");
        assertThatThrownBy(() -> list.statusAt(-1)).isInstanceOf(PidStatusException.class);
    }

    @Test
    void refusesBitSizesOtherThanOneTwoFourOrEight() {
        assertThatThrownBy(() -> StatusList.decode(3, "eNrbuRgAAhcBXQ", MAX_BYTES))
                .isInstanceOf(PidStatusException.class).hasMessageContaining("bits is 3");
    }

    @Test
    void refusesAListThatIsNotZlibOrIsTruncated() {
        assertThatThrownBy(() -> StatusList.decode(1, Base64.getUrlEncoder().encodeToString(new byte[]{1, 2, 3}), MAX_BYTES))
                .isInstanceOf(PidStatusException.class);
        assertThatThrownBy(() -> StatusList.decode(1, base64Url("78dadbb9180002"), MAX_BYTES))
                .isInstanceOf(PidStatusException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> StatusList.decode(1, "not base64url!", MAX_BYTES))
                .isInstanceOf(PidStatusException.class).hasMessageContaining("base64url");
    }

    @Test
    void stopsInflatingAtTheBoundSoASmallListCannotExpandWithoutLimit() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[10 * 1024 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        int length = deflater.deflate(buffer);
        String bomb = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(buffer, length));

        assertThat(length).as("10 MiB of zeros compress to a few KiB").isLessThan(20_000);
        assertThatThrownBy(() -> StatusList.decode(1, bomb, 1024 * 1024))
                .isInstanceOf(PidStatusException.class).hasMessageContaining("more than 1048576 bytes");
    }

    private static List<Integer> statuses(StatusList list) throws PidStatusException {
        List<Integer> statuses = new ArrayList<>();
        for (long index = 0; index < list.size(); index++) {
            statuses.add(list.statusAt(index));
        }
        return statuses;
    }

    private static String base64Url(String hex) throws IOException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex));
    }
}
