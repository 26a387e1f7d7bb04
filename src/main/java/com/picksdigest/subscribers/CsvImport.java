package com.picksdigest.subscribers;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.types.SubscriberStatus;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jooq.exception.DataAccessException;

/**
 * Imports subscribers from CSV (RFC 4180, read by Commons CSV one record at a time; header row required). Good
 * records are imported, bad ones are reported with the number of the line they start on and the reason; one bad
 * record never stops the rest. Columns: email (required), name, timezone, send_hour, frequency, weekday, format,
 * locale, categories (separated by ';').
 */
public final class CsvImport {
    static final Set<String> COLUMNS =
            Set.of("email", "name", "timezone", "send_hour", "frequency", "weekday", "format", "locale", "categories");
    private static final int MAX_RECORD = 20_000;
    /**
     * How far one record may run before the import stops: a quote left open would otherwise read the rest of the
     * file into one field. Records longer than {@link #MAX_RECORD} and shorter than this are refused one by one.
     */
    static final int MAX_READ = 1 << 21;

    /**
     * Blank lines are kept as records so that line numbers stay exact (and skipped here); text after a closing
     * quote is kept as part of the field, as it was before Commons CSV, rather than failing the whole file.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .get();

    /** @param address the line's e-mail field as written, null when there was none */
    public record LineError(long line, String message, String address) {
        public LineError(long line, String message) {
            this(line, message, null);
        }
    }

    public record Report(int imported, List<LineError> errors) {}

    /**
     * What each column of a header feeds: a CLI column name, or null for a column ignored (then listed in
     * {@code ignored}). Mailchimp's and listmonk's export headers map onto the CLI's names.
     */
    public record Columns(List<String> header, List<String> fields, List<String> ignored) {}

    /** The header and the first records of a file, read as an import would read them. */
    public record Preview(Columns columns, List<List<String>> rows) {}

    /** Writes a batch of subscribers; per input, in order: null when added, else the sentence refusing it. */
    public interface Adder {
        List<String> addAll(List<SubscriberInput> inputs);
    }

    /** Mailchimp's "First Name" and "Last Name" become the name, joined by a space. */
    private static final String FIRST = "first name";

    private static final String LAST = "last name";
    private static final Map<String, String> ALIASES = Map.of("email address", "email", FIRST, FIRST, LAST, LAST);

    private final SubscriberService subscribers;

    public CsvImport(SubscriberService subscribers) {
        this.subscribers = subscribers;
    }

    /** @param progress told the number of the last line read after each record */
    public Report run(Reader in, Consumer<Long> progress) throws IOException {
        List<LineError> errors = new ArrayList<>();
        int imported = run(in, progress, errors::add);
        errors.sort(java.util.Comparator.comparingLong(LineError::line));
        return new Report(imported, errors);
    }

    /**
     * Streams the file: records are read one at a time and written a batch at a time, so memory holds one batch
     * whatever the file's size; each refused record goes to {@code errors} (not in line order).
     *
     * @return how many were imported
     */
    public int run(Reader in, Consumer<Long> progress, Consumer<LineError> errors) throws IOException {
        return run(in, progress, errors, false, active(subscribers));
    }

    /**
     * @param ignoreUnknown columns the import does not know are skipped instead of refusing the file
     * @param adder how each batch is written (active subscribers, or pending ones sent a confirmation)
     */
    public int run(Reader in, Consumer<Long> progress, Consumer<LineError> errors, boolean ignoreUnknown, Adder adder)
            throws IOException {
        Bounded bounded = new Bounded(in);
        CSVParser parser =
                CSVParser.builder().setReader(bounded).setFormat(FORMAT).get();
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext())
            throw new InvalidInputException("The CSV file is empty; it needs a header row with at least \"email\".");
        Columns columns = columns(records.next(), ignoreUnknown);
        List<String> cols = columns.fields();
        Batch batch = new Batch(adder, errors);
        while (true) {
            long first = parser.getCurrentLineNumber() + 1;
            bounded.recordStarts();
            CSVRecord record;
            try {
                if (!records.hasNext()) break;
                record = records.next();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException) && !(e.getCause() instanceof Bounded.TooLong)) {
                    throw e.getCause();
                }
                batch.refuse(
                        first,
                        e.getCause() instanceof Bounded.TooLong
                                ? "runs on past " + MAX_READ + " characters (a quote left open?); the lines after it"
                                        + " were not read"
                                : "has an unclosed quote");
                break;
            }
            if (!blank(record)) {
                try {
                    batch.add(first, toInput(cols, record));
                } catch (InvalidInputException e) {
                    int at = cols.indexOf("email");
                    batch.refuse(first, e.getMessage(), at >= 0 && at < record.size() ? record.get(at) : null);
                }
            }
            if (progress != null) progress.accept(parser.getCurrentLineNumber());
        }
        batch.flush();
        return batch.imported();
    }

    /**
     * Subscribers to import, written {@link #SIZE} at a time through {@link SubscriberService#addAll} (the checks of
     * a single add); what it refuses, and what the caller refuses before, goes to the error sink with its line.
     */
    public static final class Batch {
        static final int SIZE = 500;
        private final Adder adder;
        private final Consumer<LineError> errors;
        private final List<SubscriberInput> inputs = new ArrayList<>(SIZE);
        private final List<Long> lines = new ArrayList<>(SIZE);
        private int imported;

        public Batch(Adder adder, Consumer<LineError> errors) {
            this.adder = adder;
            this.errors = errors;
        }

        public void add(long line, SubscriberInput in) {
            inputs.add(in);
            lines.add(line);
            if (inputs.size() >= SIZE) flush();
        }

        public void refuse(long line, String message) {
            errors.accept(new LineError(line, message));
        }

        public void refuse(long line, String message, String address) {
            errors.accept(new LineError(line, message, address));
        }

        public void flush() {
            if (inputs.isEmpty()) return;
            List<String> refused;
            try {
                refused = adder.addAll(inputs);
            } catch (DataAccessException e) {
                String m = "the database refused it: "
                        + e.getMessage().lines().findFirst().orElse("");
                for (int i = 0; i < lines.size(); i++)
                    errors.accept(new LineError(lines.get(i), m, inputs.get(i).email()));
                inputs.clear();
                lines.clear();
                return;
            }
            for (int i = 0; i < refused.size(); i++) {
                if (refused.get(i) == null) imported++;
                else
                    errors.accept(new LineError(
                            lines.get(i), refused.get(i), inputs.get(i).email()));
            }
            inputs.clear();
            lines.clear();
        }

        public int imported() {
            return imported;
        }
    }

    private static Adder active(SubscriberService subscribers) {
        return inputs -> subscribers.addAll(inputs, SubscriberStatus.ACTIVE);
    }

    /**
     * The header and up to {@code rows} records, for an editor to check the mapping before importing.
     *
     * @throws InvalidInputException when the file is empty or has no e-mail column
     */
    public static Preview preview(Reader in, int rows) throws IOException {
        CSVParser parser =
                CSVParser.builder().setReader(new Bounded(in)).setFormat(FORMAT).get();
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext())
            throw new InvalidInputException("The CSV file is empty; it needs a header row with at least \"email\".");
        Columns columns = columns(records.next(), true);
        List<List<String>> out = new ArrayList<>();
        try {
            while (out.size() < rows && records.hasNext()) {
                CSVRecord r = records.next();
                if (!blank(r)) out.add(r.toList());
            }
        } catch (UncheckedIOException e) {
            // a broken record shows in the preview as the rows before it; the import reports it by line
        }
        return new Preview(columns, out);
    }

    private static Columns columns(CSVRecord header, boolean ignoreUnknown) {
        List<String> names = new ArrayList<>();
        for (String c : header) names.add(c.strip());
        // a byte order mark written by spreadsheet programs comes through the decoder as U+FEFF
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF"))
            names.set(0, names.get(0).substring(1).strip());
        List<String> fields = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String name : names) {
            String c = name.toLowerCase(Locale.ROOT);
            String field = COLUMNS.contains(c) ? c : ALIASES.get(c);
            if (field == null && !ignoreUnknown) {
                throw new InvalidInputException("Unknown CSV column \"" + c + "\"; known: "
                        + String.join(", ", COLUMNS.stream().sorted().toList()) + ".");
            }
            if (field == null || fields.contains(field)) {
                ignored.add(name);
                fields.add(null);
            } else fields.add(field);
        }
        if (!fields.contains("email"))
            throw new InvalidInputException("The CSV header has no \"email\" column (or \"Email Address\").");
        return new Columns(List.copyOf(names), java.util.Collections.unmodifiableList(fields), List.copyOf(ignored));
    }

    /** An empty or whitespace-only line: nothing to import and nothing to report. */
    private static boolean blank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static SubscriberInput toInput(List<String> cols, CSVRecord record) {
        if (record.size() > cols.size())
            throw new InvalidInputException("has " + record.size() + " fields, the header " + cols.size());
        Map<String, String> v = new HashMap<>();
        long length = record.size() - 1;
        for (int i = 0; i < record.size(); i++) {
            String value = record.get(i);
            length += value.length();
            if (cols.get(i) != null) v.put(cols.get(i), value);
        }
        if (v.get("name") == null && (v.containsKey(FIRST) || v.containsKey(LAST))) {
            String name = (v.getOrDefault(FIRST, "") + " " + v.getOrDefault(LAST, "")).strip();
            if (!name.isEmpty()) v.put("name", name);
        }
        if (length > MAX_RECORD) throw new InvalidInputException("line is longer than " + MAX_RECORD + " characters");
        if (v.values().stream().anyMatch(s -> s.indexOf('\uFFFD') >= 0))
            throw new InvalidInputException("is not valid UTF-8 (save the file as UTF-8)");
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

    /**
     * Counts what the parser reads since the current record began and fails past {@link #MAX_READ}, so memory
     * stays bounded whatever the file holds. The parser reads ahead by a buffer, hence "about".
     */
    private static final class Bounded extends FilterReader {
        static final class TooLong extends IOException {
            TooLong() {
                super("a record runs on past " + MAX_READ + " characters");
            }
        }

        private long sinceRecord;

        Bounded(Reader in) {
            super(in);
        }

        void recordStarts() {
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) count(1);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws TooLong {
            sinceRecord += n;
            if (sinceRecord > MAX_READ) throw new TooLong();
        }
    }
}
