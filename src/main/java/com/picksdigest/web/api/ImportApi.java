package com.picksdigest.web.api;

import com.picksdigest.api.ImportJobs;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk subscriber imports: POST a CSV (the CLI's columns) or JSON lines body, streamed to a spool file, and get a
 * job id at once (202); GET the job for its state, counts and refused lines.
 */
final class ImportApi implements ApiEndpoints {
    private static final String READ = "subscribers:read";
    private static final String WRITE = "subscribers:write";

    private final ImportJobs jobs;

    ImportApi(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void register(ApiRoutes.Registrar r) {
        r.post("/subscribers/imports", WRITE, this::start);
        r.get("/subscribers/imports/{id}", READ, this::status);
    }

    private void start(ApiCall c) throws Exception {
        String type = c.ctx.contentType() == null ? "" : c.ctx.contentType().toLowerCase(Locale.ROOT);
        ImportJobs.Format format;
        if (type.startsWith("text/csv")) format = ImportJobs.Format.CSV;
        else if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl"))
            format = ImportJobs.Format.JSONL;
        else
            throw new Problem(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "Send the import as text/csv (header row with email) or application/x-ndjson (one JSON object a"
                            + " line).");
        if (c.ctx.contentLength() > ImportJobs.MAX_BYTES)
            throw new Problem(
                    413,
                    "too-large",
                    "Content Too Large",
                    "An import may hold at most " + ImportJobs.MAX_BYTES + " bytes; split it.");
        long id = jobs.start(c.ctx.req().getInputStream(), format, c.key.id());
        String location = ApiRoutes.PREFIX + "/subscribers/imports/" + id;
        c.ctx.header("Location", location);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", "queued");
        m.put("status", location);
        c.json(202, m);
    }

    private void status(ApiCall c) {
        ImportJobs.Job j = jobs.find(c.idParam());
        if (j == null) throw Problem.notFound("There is no such import.");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("format", j.format());
        m.put("state", j.state());
        m.put("linesRead", j.linesRead());
        m.put("imported", j.imported());
        m.put("refused", j.refused());
        m.put("failure", j.failure());
        m.put("createdAt", PickApi.instant(j.createdAt()));
        m.put("finishedAt", PickApi.instant(j.finishedAt()));
        m.put(
                "errors",
                j.errors().stream()
                        .map(e -> Map.of("line", e.line(), "message", e.message()))
                        .toList());
        m.put("errorsKept", ImportJobs.KEPT_ERRORS);
        c.json(200, m);
    }
}
