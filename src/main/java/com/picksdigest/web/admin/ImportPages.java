package com.picksdigest.web.admin;

import com.picksdigest.api.ImportJobs;
import com.picksdigest.common.CsvExport;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.Editor;
import com.picksdigest.subscribers.CsvImport;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscriber CSV import in the workspace, on the API's import jobs: upload (spooled to a temporary file), a preview
 * of the first rows and the column mapping, the choice between active (the editor attests that these people asked
 * for the digest) and pending (each is sent a confirmation), then the job's progress and its refused lines as CSV.
 *
 * <pre>
 * GET  /admin/subscribers/import                 the upload form
 * POST /admin/subscribers/import                 multipart "file": spool it, show the preview
 * POST /admin/subscribers/import/start           upload, mode=active|pending, attest=yes: start the job
 * GET  /admin/subscribers/import/{id}            the job's progress
 * GET  /admin/subscribers/import/{id}/errors.csv its refused lines
 * </pre>
 *
 * An upload waits for its start in this process's memory for {@link #KEPT} (behind a load balancer the start must
 * reach the node that took the upload).
 */
final class ImportPages {
    /** Far above a newsletter's list, far below what would fill the disk: the API takes bigger files. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    static final int PREVIEW_ROWS = 5;
    static final Duration KEPT = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Upload(Path file, long editorId, Instant at, long lines) {}

    private final ImportJobs jobs;
    private final AuditLog audit;
    private final AdminPages pages;
    private final Clock clock;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    /** Lines in each started job's file, for the progress bar's end. */
    private final Map<Long, Long> totals = new ConcurrentHashMap<>();

    ImportPages(ImportJobs jobs, AuditLog audit, AdminPages pages, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.pages = pages;
        this.clock = clock;
    }

    /** Refuses an oversized upload from its Content-Length, before anything (the CSRF check included) parses it. */
    void limitSize(Context ctx) {
        if (ctx.method() == HandlerType.POST && ctx.contentLength() > MAX_BYTES + 64 * 1024)
            throw new AdminError(413, "The file is larger than " + MAX_BYTES / (1024 * 1024) + " MB; split it.");
    }

    void form(Context ctx) {
        pages.render(
                ctx, 200, "subscriber-import.html.ftl", AdminNav.SUBSCRIBERS, new FormView(MAX_BYTES / (1024 * 1024)));
    }

    void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) throw new AdminError(400, "Choose a CSV file to upload.");
        dropExpired();
        Path spool;
        try (InputStream in = file.content()) {
            spool = ImportJobs.spool(in, MAX_BYTES);
        } catch (InvalidInputException e) {
            throw new AdminError(413, e.getMessage());
        }
        CsvImport.Preview preview;
        // bytes that are not UTF-8 show as U+FFFD here; the import refuses their lines one by one
        try (Reader r = new InputStreamReader(Files.newInputStream(spool), StandardCharsets.UTF_8)) {
            preview = CsvImport.preview(r, PREVIEW_ROWS);
        } catch (InvalidInputException e) {
            Files.deleteIfExists(spool);
            throw new AdminError(400, e.getMessage() + " Nothing was imported.");
        }
        String token = token();
        uploads.put(token, new Upload(spool, AdminPages.session(ctx).editor().id(), clock.instant(), lines(spool)));
        List<ImportColumn> mapping = new ArrayList<>();
        CsvImport.Columns cols = preview.columns();
        for (int i = 0; i < cols.header().size(); i++) {
            String field = cols.fields().get(i);
            mapping.add(new ImportColumn(cols.header().get(i), field == null ? "" : field));
        }
        pages.render(
                ctx,
                200,
                "subscriber-import-preview.html.ftl",
                AdminNav.SUBSCRIBERS,
                new PreviewView(token, file.filename(), mapping, cols.ignored(), cols.header(), preview.rows()));
    }

    void start(Context ctx) {
        Editor me = AdminPages.session(ctx).editor();
        Upload u = uploads.get(String.valueOf(ctx.formParam("upload")));
        if (u == null || u.editorId() != me.id())
            throw new AdminError(400, "This upload has expired or is not yours; upload the file again.");
        String mode = ctx.formParam("mode");
        boolean pending;
        if ("pending".equals(mode)) pending = true;
        else if ("active".equals(mode)) pending = false;
        else throw new AdminError(400, "Choose active or pending. Nothing was imported.");
        if (!pending && !"yes".equals(ctx.formParam("attest")))
            throw new AdminError(
                    400,
                    "To import them as active, tick \"these people asked to receive it\"; otherwise choose pending"
                            + " so each confirms. Nothing was imported.");
        uploads.remove(ctx.formParam("upload"));
        long id = jobs.start(
                u.file(), ImportJobs.Format.CSV, ImportJobs.WORKSPACE, new ImportJobs.Options(true, pending));
        totals.put(id, u.lines());
        audit.record(me.actor(), "import", "subscribers", id, pending ? "pending" : "active (attested)");
        pages.redirect(ctx, "/admin/subscribers/import/" + id, null);
    }

    void job(Context ctx) {
        ImportJobs.Job j = job(ctx.pathParam("id"));
        boolean running = j.state().equals("queued") || j.state().equals("running");
        Long total = totals.get(j.id());
        JobView view = new JobView(
                Long.toString(j.id()),
                j.state(),
                j.linesRead(),
                j.imported(),
                j.refused(),
                j.failure() == null ? "" : j.failure(),
                running,
                running ? (total == null ? -1 : total) : Math.max(1, j.linesRead()),
                running ? j.linesRead() : Math.max(1, j.linesRead()),
                ImportJobs.KEPT_ERRORS,
                running ? 2 : null);
        pages.render(ctx, 200, "subscriber-import-job.html.ftl", AdminNav.SUBSCRIBERS, view);
    }

    /** The upload form; maxMb is the largest file it takes. */
    record FormView(long maxMb) {}

    /** An upload's preview: upload is the token that starts it; rows are the first records, cell by cell. */
    record PreviewView(
            String upload,
            String fileName,
            List<ImportColumn> mapping,
            List<String> ignored,
            List<String> header,
            List<List<String>> rows) {}

    /**
     * A job's progress: total lines -1 while unknown, done of total for the bar; kept is how many refused lines the
     * errors file holds at most; refresh (seconds) reloads the page while the job runs, null once it is over.
     */
    record JobView(
            String id,
            String state,
            int linesRead,
            int imported,
            int refused,
            String failure,
            boolean running,
            long total,
            int done,
            int kept,
            Integer refresh) {}

    void errors(Context ctx) throws IOException {
        ImportJobs.Job j = job(ctx.pathParam("id"));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"import-" + j.id() + "-errors.csv\"");
        try (Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
                CsvExport csv = new CsvExport(w, List.of("line", "email", "message"))) {
            for (ImportJobs.LineError e : j.errors())
                csv.row(Arrays.asList(Long.toString(e.line()), e.address(), e.message()));
        }
    }

    private ImportJobs.Job job(String raw) {
        ImportJobs.Job j;
        try {
            j = jobs.find(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw AdminError.notFound();
        }
        if (j == null) throw AdminError.notFound();
        return j;
    }

    /** Uploads never started are deleted after {@link #KEPT}. */
    private void dropExpired() {
        Instant cutoff = clock.instant().minus(KEPT);
        uploads.entrySet().removeIf(e -> {
            if (e.getValue().at().isAfter(cutoff)) return false;
            try {
                Files.deleteIfExists(e.getValue().file());
            } catch (IOException ignored) {
                // the system's temporary directory cleans up what stays
            }
            return true;
        });
    }

    private static long lines(Path file) throws IOException {
        long n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) > 0) for (int i = 0; i < r; i++) if (buf[i] == '\n') n++;
        }
        return n;
    }

    private static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
