package com.picksdigest.web.admin;

import com.picksdigest.reports.EditionReports;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Edition reports: one row per day that had digests due, and each one's detail. */
final class ReportPages {
    static final int EDITIONS_SHOWN = 90;

    private final EditionReports editions;
    private final AdminPages pages;
    private final boolean trackClicks;

    ReportPages(EditionReports editions, AdminPages pages, boolean trackClicks) {
        this.editions = editions;
        this.pages = pages;
        this.trackClicks = trackClicks;
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
                        "relays",
                        d.relays(),
                        "failures",
                        d.failures(),
                        "deferrals",
                        d.deferrals().stream()
                                .map(f -> Map.of(
                                        "subscriberId", Long.toString(f.subscriberId()),
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
}
