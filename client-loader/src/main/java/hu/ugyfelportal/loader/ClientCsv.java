package hu.ugyfelportal.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the contracts system's CSV export: UTF-8, a header row, then e-mail, ügyfélszám, típus, név.
 * The separator is whatever the header uses, comma or semicolon (Hungarian Excel writes semicolons); fields may
 * be quoted with {@code "} and then hold separators, quotes ({@code ""}) and line breaks.
 */
public final class ClientCsv {

    private ClientCsv() {
    }

    /** The data rows, numbered as records from 1 (the header); a row with the wrong number of fields is kept for the report. */
    public static List<ClientRow> read(Reader input) throws IOException {
        BufferedReader reader = new BufferedReader(input);
        List<List<String>> records = parse(reader);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("The CSV file is empty: it needs a header row "
                    + "(e-mail, ügyfélszám, típus, név) and data rows.");
        }
        List<ClientRow> rows = new ArrayList<>();
        for (int index = 1; index < records.size(); index++) {
            List<String> fields = records.get(index);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            rows.add(new ClientRow(index + 1, fields.size(), field(fields, 0), field(fields, 1), field(fields, 2),
                    field(fields, 3)));
        }
        return rows;
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index).trim() : "";
    }

    /** Records of fields; the separator is chosen from the first line. Line numbers count records. */
    private static List<List<String>> parse(BufferedReader reader) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[8192];
        for (int read; (read = reader.read(buffer)) > 0; ) {
            all.append(buffer, 0, read);
        }
        String text = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
        char separator = separatorOf(text);
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    private static char separatorOf(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
