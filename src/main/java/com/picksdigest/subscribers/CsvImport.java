package com.picksdigest.subscribers;

import com.picksdigest.common.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.exception.DataAccessException;

/**
 * Imports subscribers from CSV (RFC 4180 quoting, header row required). Good lines are imported, bad ones are
 * reported with their line number and the reason; one bad line never stops the rest.
 * Columns: email (required), name, timezone, send_hour, frequency, weekday, format, locale, categories
 * (separated by ';').
 */
public final class CsvImport {
    static final Set<String> COLUMNS =
            Set.of("email", "name", "timezone", "send_hour", "frequency", "weekday", "format", "locale", "categories");
    private static final int MAX_LINE = 20_000;

    public record LineError(long line, String message) {}

    public record Report(int imported, List<LineError> errors) {}

    private final SubscriberService subscribers;

    public CsvImport(SubscriberService subscribers) {
        this.subscribers = subscribers;
    }

    public Report run(BufferedReader in, Consumer<Long> progress) throws IOException {
        String header = in.readLine();
        if (header == null)
            throw new InvalidInputException("The CSV file is empty; it needs a header row with at least \"email\".");
        List<String> cols = parse(stripBom(header)).stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!cols.contains("email")) throw new InvalidInputException("The CSV header has no \"email\" column.");
        for (String c : cols) {
            if (!COLUMNS.contains(c)) {
                throw new InvalidInputException("Unknown CSV column \"" + c + "\"; known: "
                        + String.join(", ", COLUMNS.stream().sorted().toList()) + ".");
            }
        }
        int imported = 0;
        List<LineError> errors = new ArrayList<>();
        long lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            long first = ++lineNo;
            // RFC 4180: a quoted field may hold line breaks, so a record runs on until its quotes close. Read as
            // lines of their own, the rest of such a field could pass for a record (another address) and be imported.
            String next;
            while (endsInsideQuotes(line) && line.length() <= MAX_LINE && (next = in.readLine()) != null) {
                lineNo++;
                line = line + "\n" + next;
            }
            if (line.isBlank()) continue;
            try {
                if (line.length() > MAX_LINE)
                    throw new InvalidInputException("line is longer than " + MAX_LINE + " characters");
                if (line.indexOf('\uFFFD') >= 0)
                    throw new InvalidInputException("is not valid UTF-8 (save the file as UTF-8)");
                subscribers.add(toInput(cols, parse(line)), SubscriberStatus.ACTIVE);
                imported++;
            } catch (InvalidInputException e) {
                errors.add(new LineError(first, e.getMessage()));
            } catch (DataAccessException e) {
                errors.add(new LineError(
                        first,
                        "the database refused it: "
                                + e.getMessage().lines().findFirst().orElse("")));
            }
            if (progress != null) progress.accept(lineNo);
        }
        return new Report(imported, errors);
    }

    private static SubscriberInput toInput(List<String> cols, List<String> values) {
        if (values.size() > cols.size())
            throw new InvalidInputException("has " + values.size() + " fields, the header " + cols.size());
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < values.size(); i++) v.put(cols.get(i), values.get(i));
        return new SubscriberInput(
                v.get("email"),
                v.get("name"),
                v.get("timezone"),
                integer(v, "send_hour"),
                v.get("frequency"),
                integer(v, "weekday"),
                v.get("format"),
                v.get("locale"),
                v.get("categories") == null
                        ? List.of()
                        : Arrays.asList(v.get("categories").split(";")));
    }

    private static Integer integer(Map<String, String> v, String col) {
        String s = v.get(col);
        if (s == null || s.isBlank()) return null;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(col + " must be a whole number, not \""
                    + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "\"");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Whether a quoted field is still open at the end of {@code line}: the record goes on in the next line. */
    static boolean endsInsideQuotes(String line) {
        return scan(line).open();
    }

    /** One CSV record; quoted fields may hold commas, doubled quotes and line breaks. */
    static List<String> parse(String line) {
        Scan s = scan(line);
        if (s.open()) throw new InvalidInputException("has an unclosed quote");
        return s.fields();
    }

    private record Scan(List<String> fields, boolean open) {}

    private static Scan scan(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"' && f.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return new Scan(out, quoted);
    }
}
