package com.picksdigest.web.admin;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.reports.SubscriberStats;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Edition reports (one row per day that had digests due, and each one's detail) and the subscribers page. */
final class ReportPages {
    static final int EDITIONS_SHOWN = 90;
    static final int GROWTH_DAYS = 30;

    private final EditionReports editions;
    private final SubscriberStats subscribers;
    private final AdminPages pages;
    private final boolean trackClicks;
    private final Clock clock;

    ReportPages(
            EditionReports editions, SubscriberStats subscribers, AdminPages pages, boolean trackClicks, Clock clock) {
        this.editions = editions;
        this.subscribers = subscribers;
        this.pages = pages;
        this.trackClicks = trackClicks;
        this.clock = clock;
    }

    void index(Context ctx) {
        pages.render(
                ctx,
                200,
                "reports.html.ftl",
                Map.of("editions", editions.editions(EDITIONS_SHOWN), "trackClicks", trackClicks, "nav", "reports"));
    }

    void edition(Context ctx) {
        LocalDate date;
        try {
            date = LocalDate.parse(ctx.pathParam("date"));
        } catch (DateTimeParseException e) {
            throw AdminError.notFound();
        }
        EditionReports.Detail d = editions.detail(date);
        if (d == null) throw AdminError.notFound();
        pages.render(
                ctx,
                200,
                "report.html.ftl",
                Map.of(
                        "e",
                        d.edition(),
                        "failures",
                        d.failures(),
                        "deferrals",
                        d.deferrals().stream()
                                .map(f -> Map.of(
                                        "email", f.email(),
                                        "attempts", f.attempts(),
                                        "next", pages.time(f.nextAttempt()),
                                        "reply", f.reply() == null ? "" : f.reply()))
                                .toList(),
                        "picks",
                        d.picks(),
                        "trackClicks",
                        trackClicks,
                        "archiveUrl",
                        pages.path("/archive/" + date),
                        "nav",
                        "reports"));
    }

    void subscribers(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        if (q.length() > 254) q = q.substring(0, 254);
        List<Map<String, Object>> found = new ArrayList<>();
        for (SubscribersRecord s : subscribers.search(q, 100)) {
            Map<String, Object> r = new HashMap<>();
            r.put("email", s.getEmail());
            r.put("name", s.getName() == null ? "" : s.getName());
            r.put("status", s.getStatus());
            r.put(
                    "schedule",
                    s.getFrequency() + " " + String.format("%02d:00", s.getSendHour()) + " " + s.getTimezone());
            r.put("since", pages.time(s.getCreatedAt()));
            r.put("lastDigest", pages.time(s.getWatermark()));
            found.add(r);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("counts", subscribers.countsByStatus());
        m.put("growth", subscribers.growth(LocalDate.now(clock).minusDays(GROWTH_DAYS)));
        m.put("q", q);
        m.put("found", found);
        m.put("nav", "subscribers");
        pages.render(ctx, 200, "subscribers.html.ftl", m);
    }
}
