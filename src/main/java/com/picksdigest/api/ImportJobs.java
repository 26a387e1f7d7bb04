package com.picksdigest.api;

import static com.picksdigest.db.generated.Tables.API_IMPORT_ERRORS;
import static com.picksdigest.db.generated.Tables.API_IMPORT_JOBS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.ApiImportJobsRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.CsvImport;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk subscriber imports sent to the API. The body is copied to a temporary file as it arrives (never held in
 * memory), a job row is written, and the import runs on the executor App gives it, through {@link CsvImport} (the
 * CLI's format and batches) or, for JSON lines, the same {@link CsvImport.Batch}. The row keeps the counts and the
 * first {@link #KEPT_ERRORS} refused lines, so the job outlives the request and the process.
 */
public final class ImportJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    public static final int KEPT_ERRORS = 1000;
    /** The most an import body may hold: about two million subscriber lines. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Format {
        CSV,
        JSONL
    }

    /** @param address the line's e-mail field as written, null when unknown */
    public record LineError(long line, String message, String address) {}

    /**
     * How a file is imported: the API's way (known columns only, active at once), or the workspace's (unknown
     * columns skipped; pending subscribers each sent a confirmation).
     */
    public record Options(boolean ignoreUnknownColumns, boolean confirmFirst) {
        public static final Options API = new Options(false, false);
    }

    /** The key id of jobs started in the workspace, which have no API key (the audit log names the editor). */
    public static final long WORKSPACE = 0;

    public record Job(
            long id,
            String format,
            String state,
            int linesRead,
            int imported,
            int refused,
            String failure,
            LocalDateTime createdAt,
            LocalDateTime finishedAt,
            List<LineError> errors) {}

    private final DSLContext db;
    private final CsvImport csv;
    private final SubscriberService subscribers;
    private final Signups signups;
    private final ExecutorService executor;
    private final Clock clock;

    public ImportJobs(
            DSLContext db,
            CsvImport csv,
            SubscriberService subscribers,
            Signups signups,
            ExecutorService executor,
            Clock clock) {
        this.db = db;
        this.csv = csv;
        this.subscribers = subscribers;
        this.signups = signups;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Spools the body and queues the import.
     *
     * @return the job's id
     * @throws InvalidInputException when the body is larger than {@link #MAX_BYTES}
     */
    public long start(InputStream body, Format format, long keyId) throws IOException {
        return start(spool(body, MAX_BYTES), format, keyId, Options.API);
    }

    /**
     * Copies a body to a new temporary file, failing (and deleting it) past {@code maxBytes}.
     *
     * @throws InvalidInputException when the body is larger than {@code maxBytes}
     */
    public static Path spool(InputStream body, long maxBytes) throws IOException {
        Path spool = Files.createTempFile("picks-import-", ".spool");
        try {
            copyCapped(body, spool, maxBytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return spool;
    }

    /** Queues the import of a spooled file, which the job deletes when done. */
    public long start(Path spool, Format format, long keyId, Options options) {
        ApiImportJobsRecord job = db.newRecord(API_IMPORT_JOBS);
        job.setKeyId(keyId);
        job.setFormat(format.name().toLowerCase());
        job.setState("queued");
        job.setCreatedAt(LocalDateTime.now(clock));
        job.store();
        long id = job.getId();
        executor.execute(() -> run(id, spool, format, options));
        return id;
    }

    /** Null when there is no such job. */
    public Job find(long id) {
        ApiImportJobsRecord r = db.fetchOne(API_IMPORT_JOBS, API_IMPORT_JOBS.ID.eq(id));
        if (r == null) return null;
        List<LineError> errors = db.select(API_IMPORT_ERRORS.LINE, API_IMPORT_ERRORS.MESSAGE, API_IMPORT_ERRORS.ADDRESS)
                .from(API_IMPORT_ERRORS)
                .where(API_IMPORT_ERRORS.JOB_ID.eq(id))
                .orderBy(API_IMPORT_ERRORS.LINE)
                .fetch(x -> new LineError(x.value1(), x.value2(), x.value3()));
        return new Job(
                r.getId(),
                r.getFormat(),
                r.getState(),
                r.getLinesRead(),
                r.getImported(),
                r.getRefused(),
                r.getFailure(),
                r.getCreatedAt(),
                r.getFinishedAt(),
                errors);
    }

    private static void copyCapped(InputStream in, Path to, long maxBytes) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes)
                    throw new InvalidInputException("The import is larger than " + maxBytes + " bytes; split it.");
                out.write(buf, 0, n);
            }
        }
    }

    private void run(long id, Path spool, Format format, Options options) {
        Errors errors = new Errors(id);
        long[] lines = {0};
        db.update(API_IMPORT_JOBS)
                .set(API_IMPORT_JOBS.STATE, "running")
                .where(API_IMPORT_JOBS.ID.eq(id))
                .execute();
        String failure = null;
        int imported = 0;
        try (Reader in = reader(spool)) {
            long[] shown = {clock.millis()};
            // the lines read so far reach the job's row every second or so, for a progress page to follow
            Consumer<Long> progress = line -> {
                lines[0] = line;
                if (clock.millis() - shown[0] >= 1000) {
                    shown[0] = clock.millis();
                    db.update(API_IMPORT_JOBS)
                            .set(API_IMPORT_JOBS.LINES_READ, line.intValue())
                            .where(API_IMPORT_JOBS.ID.eq(id))
                            .execute();
                }
            };
            CsvImport.Adder adder = options.confirmFirst()
                    ? signups::addAllPending
                    : inputs -> subscribers.addAll(inputs, SubscriberStatus.ACTIVE);
            imported = format == Format.CSV
                    ? csv.run(in, progress, errors, options.ignoreUnknownColumns(), adder)
                    : jsonLines(in, progress, errors, adder);
        } catch (InvalidInputException e) {
            failure = e.getMessage();
        } catch (IOException | RuntimeException e) {
            failure = "The import stopped: " + e.getMessage();
            log.warn("Import job {} stopped: {}: {}", id, e.getClass().getSimpleName(), e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                log.warn("Import job {}: the spool file {} stays: {}", id, spool, e.getMessage());
            }
        }
        errors.flush();
        db.update(API_IMPORT_JOBS)
                .set(API_IMPORT_JOBS.STATE, failure == null ? "done" : "failed")
                .set(API_IMPORT_JOBS.LINES_READ, (int) lines[0])
                .set(API_IMPORT_JOBS.IMPORTED, imported)
                .set(API_IMPORT_JOBS.REFUSED, errors.count)
                .set(API_IMPORT_JOBS.FAILURE, failure == null ? null : truncate(failure))
                .set(API_IMPORT_JOBS.FINISHED_AT, LocalDateTime.now(clock))
                .where(API_IMPORT_JOBS.ID.eq(id))
                .execute();
        log.info(
                "Import job {} {}: {} lines, {} imported, {} refused",
                id,
                failure == null ? "done" : "failed",
                lines[0],
                imported,
                errors.count);
    }

    /** Invalid bytes become U+FFFD, which the import refuses line by line, as the CLI does. */
    private static Reader reader(Path spool) throws IOException {
        return new java.io.InputStreamReader(
                Files.newInputStream(spool),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** One JSON object a line, with the CSV's column names as members (categories an array or ;-separated). */
    private int jsonLines(
            Reader in, Consumer<Long> progress, Consumer<CsvImport.LineError> errors, CsvImport.Adder adder)
            throws IOException {
        CsvImport.Batch batch = new CsvImport.Batch(adder, errors);
        BufferedReader r = new BufferedReader(in);
        long line = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            progress.accept(line);
            if (text.isBlank()) continue;
            try {
                batch.add(line, input(text));
            } catch (InvalidInputException e) {
                batch.refuse(line, e.getMessage());
            }
        }
        batch.flush();
        return batch.imported();
    }

    private static SubscriberInput input(String text) {
        if (text.indexOf('\uFFFD') >= 0) throw new InvalidInputException("is not valid UTF-8");
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException("is not valid JSON");
        }
        if (o == null || !o.isObject()) throw new InvalidInputException("is not a JSON object");
        List<String> cats = new ArrayList<>();
        JsonNode c = o.get("categories");
        if (c != null && c.isArray()) c.forEach(x -> cats.add(x.asText()));
        else if (c != null && c.isTextual()) cats.addAll(List.of(c.textValue().split(";")));
        return new SubscriberInput(
                str(o, "email"),
                str(o, "name"),
                str(o, "timezone"),
                integer(o, "send_hour"),
                str(o, "frequency"),
                integer(o, "weekday"),
                str(o, "format"),
                str(o, "locale"),
                cats);
    }

    private static String str(JsonNode o, String f) {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new InvalidInputException(f + " must be a string");
        return n.textValue();
    }

    private static Integer integer(JsonNode o, String f) {
        JsonNode n = o.get(f);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToInt() || !n.isIntegralNumber())
            throw new InvalidInputException(f + " must be a whole number");
        return n.intValue();
    }

    /** Lets a running import finish its file (up to a minute), then stops; a job cut short stays "running". */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String truncate(String s) {
        return cut(s, 1000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Counts every refused line; keeps the first {@link #KEPT_ERRORS}, written a batch at a time. */
    private final class Errors implements Consumer<CsvImport.LineError> {
        private final long job;
        private final List<CsvImport.LineError> pending = new ArrayList<>();
        private int count;

        Errors(long job) {
            this.job = job;
        }

        @Override
        public void accept(CsvImport.LineError e) {
            count++;
            if (count > KEPT_ERRORS) return;
            pending.add(e);
            if (pending.size() >= 200) flush();
        }

        void flush() {
            if (pending.isEmpty()) return;
            var insert = db.insertInto(
                    API_IMPORT_ERRORS,
                    API_IMPORT_ERRORS.JOB_ID,
                    API_IMPORT_ERRORS.LINE,
                    API_IMPORT_ERRORS.MESSAGE,
                    API_IMPORT_ERRORS.ADDRESS);
            for (CsvImport.LineError e : pending)
                insert = insert.values(job, (int) e.line(), truncate(e.message()), cut(e.address(), 254));
            // a line refused twice (the CSV reader and the batch) keeps its first reason
            insert.onDuplicateKeyIgnore().execute();
            pending.clear();
        }
    }
}
