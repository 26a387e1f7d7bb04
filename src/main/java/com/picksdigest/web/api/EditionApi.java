package com.picksdigest.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.mail.SendResult;
import com.picksdigest.previews.DigestPreviews;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.subscribers.SubscriberService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Editions: the reports page's figures (from {@link EditionReports}), the preview page's dry run and its test send
 * (from {@link DigestPreviews}).
 */
final class EditionApi implements ApiEndpoints {
    private static final String READ = "reports:read";
    /** A test send mails a subscriber, so it needs the scope that may act on subscribers. */
    private static final String SEND = "subscribers:write";

    private final EditionReports reports;
    private final DigestPreviews previews;
    private final SubscriberService subscribers;
    private final AuditLog audit;

    EditionApi(EditionReports reports, DigestPreviews previews, SubscriberService subscribers, AuditLog audit) {
        this.reports = reports;
        this.previews = previews;
        this.subscribers = subscribers;
        this.audit = audit;
    }

    @Override
    public void register(ApiRoutes.Registrar r) {
        r.get(
                "/editions",
                READ,
                c -> c.json(
                        200,
                        Map.of(
                                "items",
                                reports.editions(c.limit()).stream()
                                        .map(EditionApi::json)
                                        .toList())));
        r.get("/editions/preview", READ, this::preview);
        r.post("/editions/test-send", SEND, this::testSend);
        r.get("/editions/{date}", READ, this::report);
    }

    private void report(ApiCall c) {
        LocalDate date;
        try {
            date = LocalDate.parse(c.ctx.pathParam("date"));
        } catch (DateTimeParseException e) {
            throw Problem.notFound("An edition is named by its date, as 2026-12-04.");
        }
        EditionReports.Detail d = reports.detail(date);
        if (d == null) throw Problem.notFound("No digests were due on " + date + ".");
        Map<String, Object> m = json(d.edition());
        m.put(
                "relays",
                d.relays().stream()
                        .map(f -> {
                            Map<String, Object> one = new LinkedHashMap<>();
                            one.put("relay", f.relay());
                            one.put("sent", f.sent());
                            one.put("deferred", f.deferred());
                            one.put("failed", f.failed());
                            return one;
                        })
                        .toList());
        m.put(
                "failures",
                d.failures().stream()
                        .map(f -> Map.of(
                                "subscriberId", f.subscriberId(),
                                "email", String.valueOf(f.email()),
                                "attempts", f.attempts(),
                                "reply", String.valueOf(f.reply())))
                        .toList());
        m.put(
                "deferrals",
                d.deferrals().stream()
                        .map(f -> Map.of(
                                "subscriberId", f.subscriberId(),
                                "email", String.valueOf(f.email()),
                                "attempts", f.attempts(),
                                "nextAttempt", String.valueOf(f.nextAttempt()),
                                "reply", String.valueOf(f.reply())))
                        .toList());
        m.put(
                "picks",
                d.picks().stream()
                        .map(p -> Map.of(
                                "pickId", p.pickId(),
                                "title", String.valueOf(p.title()),
                                "recipients", p.recipients(),
                                "clicks", p.clicks(),
                                "clickers", p.clickers()))
                        .toList());
        c.json(200, m);
    }

    private void preview(ApiCall c) {
        DigestPreviews.Preview p = previews.preview(target(c.query("email"), c.ctx.queryParams("category")));
        if (p.description().isEmpty()) throw Problem.notFound(p.reason());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("for", p.description());
        m.put("wouldSend", !p.empty());
        m.put("reason", p.reason());
        m.put("picks", p.picks().stream().map(EditionApi::json).toList());
        if (!p.empty()) {
            DigestPreviews.Rendered r = previews.render(p.model());
            m.put("subject", r.subject());
            m.put("text", r.text());
            m.put("html", r.html());
        }
        c.json(200, m);
    }

    private void testSend(ApiCall c) {
        ObjectNode body = c.body();
        String email = ApiCall.text(body, "email");
        if (email == null || email.isBlank())
            throw Problem.invalid("Name the subscriber by email.", Map.of("email", "Required."));
        SubscribersRecord s = subscribers.findByEmail(email.strip());
        if (s == null) throw Problem.notFound("No subscriber has the address " + email.strip() + ".");
        DigestPreviews.Preview p = previews.preview(target(s.getEmail(), List.of()));
        if (p.empty()) throw Problem.conflict(p.reason());
        SendResult result = previews.sendTest(p, s.getEmail(), s.getName());
        if (!(result instanceof SendResult.Accepted)) {
            throw new Problem(
                    502,
                    "relay-refused",
                    "Bad Gateway",
                    "The mail relay did not accept the test message: " + result.reply());
        }
        audit.record(c.actor(), "test-send", "digest", s.getId(), p.description());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentTo", s.getEmail());
        m.put("for", p.description());
        m.put("picks", p.picks().size());
        c.json(200, m);
    }

    private static DigestPreviews.Target target(String email, List<String> categories) {
        String e = email == null || email.isBlank() ? null : email.strip();
        if (e != null && e.length() > 254) throw Problem.invalid("email is too long.", Map.of("email", "Too long."));
        if (categories.size() > 100)
            throw Problem.invalid("At most 100 categories.", Map.of("category", "At most 100 categories."));
        return new DigestPreviews.Target(e, new LinkedHashSet<>(categories));
    }

    private static Map<String, Object> json(EditionReports.Edition e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", e.date().toString());
        m.put("due", e.due());
        m.put("sent", e.sent());
        m.put("skipped", e.skipped());
        m.put("failed", e.failed());
        m.put("suppressed", e.suppressed());
        m.put("pending", e.pending());
        m.put("deferred", e.deferred());
        m.put("bounced", e.bounced());
        m.put("unsubscribed", e.unsubscribed());
        m.put("clicks", e.clicks());
        return m;
    }

    private static Map<String, Object> json(SelectedPick p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("url", p.url());
        m.put("summary", p.summary());
        m.put("category", p.category());
        return m;
    }
}
