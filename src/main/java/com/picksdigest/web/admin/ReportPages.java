package com.picksdigest.web.admin;

import com.picksdigest.reports.EditionReports;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

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
                AdminNav.REPORTS,
                new ListView(editions.editions(EDITIONS_SHOWN), trackClicks));
    }

    record ListView(List<EditionReports.Edition> editions, boolean trackClicks) {}

    record EditionView(
            EditionReports.Edition e,
            List<EditionReports.RelayFigures> relays,
            List<EditionReports.Failure> failures,
            List<DeferralRow> deferrals,
            List<EditionReports.PickClicks> picks,
            boolean trackClicks,
            String archiveUrl) {}

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
                AdminNav.REPORTS,
                new EditionView(
                        d.edition(),
                        d.relays(),
                        d.failures(),
                        d.deferrals().stream()
                                .map(f -> new DeferralRow(
                                        Long.toString(f.subscriberId()),
                                        f.email(),
                                        f.attempts(),
                                        pages.time(f.nextAttempt()),
                                        f.reply() == null ? "" : f.reply()))
                                .toList(),
                        d.picks(),
                        trackClicks,
                        pages.path("/archive/" + date)));
    }
}
