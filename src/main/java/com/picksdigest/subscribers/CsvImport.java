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

    public record LineError(long line, String message) {}

    public record Report(int imported, List<LineError> errors) {}

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
        Bounded bounded = new Bounded(in);
        CSVParser parser =
                CSVParser.builder().setReader(bounded).setFormat(FORMAT).get();
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext())
            throw new InvalidInputException("The CSV file is empty; it needs a header row with at least \"email\".");
        List<String> cols = header(records.next());
        Batch batch = new Batch(subscribers, errors);
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
                    batch.refuse(first, e.getMessage());
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
        private final SubscriberService subscribers;
        private final Consumer<LineError> errors;
        private final List<SubscriberInput> inputs = new ArrayList<>(SIZE);
        private final List<Long> lines = new ArrayList<>(SIZE);
        private int imported;

        public Batch(SubscriberService subscribers, Consumer<LineError> errors) {
            this.subscribers = subscribers;
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

        public void flush() {
            if (inputs.isEmpty()) return;
            List<String> refused;
            try {
                refused = subscribers.addAll(inputs, SubscriberStatus.ACTIVE);
            } catch (DataAccessException e) {
                String m = "the database refused it: "
                        + e.getMessage().lines().findFirst().orElse("");
                for (Long l : lines) errors.accept(new LineError(l, m));
                inputs.clear();
                lines.clear();
                return;
            }
            for (int i = 0; i < refused.size(); i++) {
                if (refused.get(i) == null) imported++;
                else errors.accept(new LineError(lines.get(i), refused.get(i)));
            }
            inputs.clear();
            lines.clear();
        }

        public int imported() {
            return imported;
        }
    }

    private static List<String> header(CSVRecord header) {
        List<String> cols = new ArrayList<>();
        for (String c : header) cols.add(c.strip().toLowerCase(Locale.ROOT));
        // a byte order mark written by spreadsheet programs comes through the decoder as U+FEFF
        if (cols.get(0).startsWith("\uFEFF"))
            cols.set(0, cols.get(0).substring(1).strip());
        if (!cols.contains("email")) throw new InvalidInputException("The CSV header has no \"email\" column.");
        for (String c : cols) {
            if (!COLUMNS.contains(c)) {
                throw new InvalidInputException("Unknown CSV column \"" + c + "\"; known: "
                        + String.join(", ", COLUMNS.stream().sorted().toList()) + ".");
            }
        }
        return cols;
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
            v.put(cols.get(i), value);
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
