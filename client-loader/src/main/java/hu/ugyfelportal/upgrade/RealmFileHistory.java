package hu.ugyfelportal.upgrade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Which realm file a realm was last brought to: the base of the three-way upgrade. After every complete run the realm
 * remembers the file in two realm attributes, its version and a gzip+base64 copy (about 6 KB; Keycloak keeps realm
 * attributes in REALM_ATTRIBUTE.VALUE, an NCLOB since its 13.0.0 changelog, so one attribute holds it). The copy is
 * of the file as written, placeholders and all, so it carries no installation's secret. A realm without the copy was
 * imported before the upgrade remembered anything: it is taken as brought to the file of the version it records (from
 * the file's own version attribute at import), else to the earlier realm file this command ships that is closest to
 * it.
 */
final class RealmFileHistory {

    /** The realm file's own version, in its {@code attributes}; an import keeps it in the realm. */
    static final String VERSION_ATTRIBUTE = "ugyfelportalRealmFileVersion";
    static final String COPY_ATTRIBUTE = "ugyfelportalRealmFile";
    /** Earlier releases' realm files, oldest first, as resources {@code realm-history/<version>.json}. */
    static final List<String> SHIPPED_VERSIONS = List.of("2026-11-24", "2026-12-01");
    private static final String UNVERSIONED = "(no version)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The base file and the report's sentence saying where it came from. */
    record Base(Map<String, Object> file, String sentence) {
    }

    private RealmFileHistory() {
    }

    /**
     * The base the realm records: its remembered copy, else the file of the version it was imported from when this
     * command knows it; empty when the realm records neither (see {@link #closest}).
     */
    static Optional<Base> recorded(Map<?, ?> realmAttributes, Map<String, Object> newFile) {
        Object copy = realmAttributes.get(COPY_ATTRIBUTE);
        Object recorded = realmAttributes.get(VERSION_ATTRIBUTE);
        if (copy != null) {
            return Optional.of(new Base(parse(decode(String.valueOf(copy))), "Base: realm file " + recorded
                    + ", which this realm was last brought to (its copy is kept in the realm)."));
        }
        if (recorded != null && recorded.equals(version(newFile))) {
            return Optional.of(new Base(newFile, "Base: realm file " + recorded + ", which the realm was imported"
                    + " from (the same version as the file given)."));
        }
        if (recorded != null && SHIPPED_VERSIONS.contains(String.valueOf(recorded))) {
            return Optional.of(new Base(shipped(String.valueOf(recorded)), "Base: realm file " + recorded
                    + ", which the realm was imported from."));
        }
        return Optional.empty();
    }

    /**
     * For a realm imported before the upgrade remembered its file: the shipped file it is closest to (the fewest
     * values that differ; the newer one of equals), which the report names with the counts.
     */
    static Base closest(Map<?, ?> realmAttributes, Map<String, Integer> differencesByVersion) {
        String chosen = null;
        for (String version : SHIPPED_VERSIONS) {
            if (chosen == null || differencesByVersion.get(version) <= differencesByVersion.get(chosen)) {
                chosen = version;
            }
        }
        Object recorded = realmAttributes.get(VERSION_ATTRIBUTE);
        String counts = SHIPPED_VERSIONS.stream().map(version -> version + ": " + differencesByVersion.get(version))
                .collect(Collectors.joining(", "));
        return new Base(shipped(chosen), "Base: the realm records " + (recorded == null ? "no realm file (imported"
                + " before the upgrade remembered one)" : "realm file " + recorded + ", which this command does not"
                + " know") + "; it is taken as brought to the known realm file closest to it, " + chosen
                + " (values that differ, " + counts + ").");
    }

    static String version(Map<String, Object> file) {
        return file.get("attributes") instanceof Map<?, ?> attributes && attributes.get(VERSION_ATTRIBUTE) != null
                ? String.valueOf(attributes.get(VERSION_ATTRIBUTE)) : UNVERSIONED;
    }

    static String encode(String fileText) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(fileText.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String decode(String value) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(value)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The realm's attribute " + COPY_ATTRIBUTE + " is not a realm file copy"
                    + " written by this command; remove it to upgrade from the oldest known file", e);
        }
    }

    static Map<String, Object> shipped(String version) {
        try (InputStream in = RealmFileHistory.class.getResourceAsStream("/realm-history/" + version + ".json")) {
            if (in == null) {
                throw new IllegalStateException("realm-history/" + version + ".json is missing from the command");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("A realm file that is not JSON", e);
        }
    }
}
