package com.picksdigest.web.admin;

import com.picksdigest.reports.EditionReports;
import com.picksdigest.reports.InsightReports;
import com.picksdigest.web.charts.SvgChart;
import com.picksdigest.web.charts.SvgChart.Series;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The dashboard at /admin and the chart pages under /admin/charts/{growth|editions|sending|clicks}?days=30|90|365.
 * Each chart is drawn as SVG and printed as a table of the very same formatted numbers.
 */
final class InsightPages {
    static final List<Integer> WINDOWS = List.of(30, 90, 365);
    static final int TOP_PICKS = 10;

    private final InsightReports insight;
    private final EditionReports editions;
    private final AdminPages pages;
    private final boolean trackClicks;

    InsightPages(InsightReports insight, EditionReports editions, AdminPages pages, boolean trackClicks) {
        this.insight = insight;
        this.editions = editions;
        this.pages = pages;
        this.trackClicks = trackClicks;
    }

    void dashboard(Context ctx) {
        List<InsightReports.GrowthDay> growth = insight.growth(30);
        List<InsightReports.EditionRates> rates = insight.editions(30);
        LastEdition lastEdition = null;
        if (!rates.isEmpty()) {
            InsightReports.EditionRates last = rates.get(rates.size() - 1);
            lastEdition = new LastEdition(
                    last.date().toString(),
                    last.delivered(),
                    SvgChart.percent(last.bounceRate()),
                    SvgChart.percent(last.unsubscribeRate()),
                    SvgChart.percent(last.complaintRate()),
                    SvgChart.percent(last.clickRate()));
        }
        pages.render(
                ctx,
                200,
                "dashboard.html.ftl",
                AdminNav.DASHBOARD,
                new DashboardView(
                        insight.today().toString(),
                        editions.edition(insight.today()),
                        insight.queue(),
                        insight.failingFeeds(5),
                        insight.waitingCandidates(),
                        growth.stream()
                                .mapToInt(InsightReports.GrowthDay::joins)
                                .sum(),
                        growth.stream()
                                .mapToInt(InsightReports.GrowthDay::departures)
                                .sum(),
                        growth.isEmpty() ? 0 : growth.get(growth.size() - 1).total(),
                        lastEdition,
                        insight.sendProgress().stream()
                                .mapToInt(InsightReports.SendSlot::sent)
                                .sum(),
                        trackClicks ? insight.topPicks(30, 3) : List.of(),
                        trackClicks));
    }

    /**
     * The dashboard.
     *
     * @param edition today's edition so far; null before its first delivery
     * @param lastEdition the latest edition's rates; null before any
     */
    record DashboardView(
            String today,
            EditionReports.Edition edition,
            InsightReports.Queue queue,
            List<InsightReports.FailingFeed> feeds,
            int candidates,
            int joins,
            int departures,
            int listSize,
            LastEdition lastEdition,
            int sentToday,
            List<InsightReports.TopPick> topPicks,
            boolean trackClicks) {}

    record ChartView(String name, int days, List<Integer> windows, List<ChartPanel> panels, boolean trackClicks) {}

    void chart(Context ctx) {
        int days = days(ctx);
        String name = ctx.pathParam("name");
        List<ChartPanel> panels = switch (name) {
            case "growth" -> growth(days);
            case "editions" -> editions(days);
            case "sending" -> sending();
            case "clicks" -> clicks(days);
            default -> throw AdminError.notFound();
        };
        pages.render(
                ctx,
                200,
                "chart.html.ftl",
                AdminNav.DASHBOARD,
                new ChartView(name, days, name.equals("sending") ? List.of() : WINDOWS, panels, trackClicks));
    }

    private static int days(Context ctx) {
        String raw = ctx.queryParam("days");
        if (raw == null || raw.isBlank()) return WINDOWS.get(0);
        try {
            int d = Integer.parseInt(raw.strip());
            if (WINDOWS.contains(d)) return d;
        } catch (NumberFormatException e) {
            // refused below with the same sentence
        }
        throw new AdminError(400, "Choose 30, 90 or 365 days.");
    }

    private List<ChartPanel> growth(int days) {
        List<InsightReports.GrowthDay> g = insight.growth(days);
        List<String> labels = g.stream().map(d -> d.date().toString()).toList();
        return List.of(
                panel(
                        "joins",
                        "Joins and departures per day (UTC), last " + days + " days",
                        "Day",
                        labels,
                        List.of(
                                series("Joined", 2, g, InsightReports.GrowthDay::joins),
                                series("Left", 1, g, InsightReports.GrowthDay::departures),
                                series("Net", 0, g, InsightReports.GrowthDay::net)),
                        SvgChart::count,
                        false),
                panel(
                        "total",
                        "People on the list at the end of each day",
                        "Day",
                        labels,
                        List.of(series("On the list", 0, g, InsightReports.GrowthDay::total)),
                        SvgChart::count,
                        false));
    }

    private List<ChartPanel> editions(int days) {
        List<InsightReports.EditionRates> e = insight.editions(days);
        List<String> labels = e.stream().map(r -> r.date().toString()).toList();
        List<Series> rates = new ArrayList<>(List.of(
                seriesD("Bounce rate", 1, e, InsightReports.EditionRates::bounceRate),
                seriesD("Unsubscribe rate", 3, e, InsightReports.EditionRates::unsubscribeRate),
                seriesD("Complaint rate", 0, e, InsightReports.EditionRates::complaintRate)));
        if (trackClicks) rates.add(seriesD("Click rate", 2, e, InsightReports.EditionRates::clickRate));
        return List.of(
                panel(
                        "delivered",
                        "Digests delivered per edition, last " + days + " days",
                        "Edition",
                        labels,
                        List.of(series("Delivered", 0, e, InsightReports.EditionRates::delivered)),
                        SvgChart::count,
                        true),
                panel(
                        "rates",
                        "Rates per edition (of the digests delivered)",
                        "Edition",
                        labels,
                        rates,
                        SvgChart::percent,
                        false));
    }

    private List<ChartPanel> sending() {
        List<InsightReports.SendSlot> slots = insight.sendProgress();
        List<InsightReports.LocalHour> hours = insight.byLocalHour();
        return List.of(
                panel(
                        "progress",
                        "Today's edition (" + insight.today() + "): sent per 10 minutes (UTC)",
                        "From",
                        slots.stream()
                                .map(s -> String.format("%02d:%02d", s.minute() / 60, s.minute() % 60))
                                .toList(),
                        List.of(series("Sent", 0, slots, InsightReports.SendSlot::sent)),
                        SvgChart::count,
                        true),
                panel(
                        "hours",
                        "Today's edition by the subscribers' local hour",
                        "Local hour",
                        hours.stream()
                                .map(h -> String.format("%02d:00", h.hour()))
                                .toList(),
                        List.of(
                                series("Due", 3, hours, InsightReports.LocalHour::due),
                                series("Sent", 0, hours, InsightReports.LocalHour::sent)),
                        SvgChart::count,
                        true));
    }

    private List<ChartPanel> clicks(int days) {
        if (!trackClicks) return List.of();
        List<InsightReports.TopPick> top = insight.topPicks(days, TOP_PICKS);
        return List.of(panel(
                "top",
                "Top picks by clicks, last " + days + " days",
                "Pick",
                top.stream().map(InsightReports.TopPick::title).toList(),
                List.of(
                        series("Clicks", 0, top, InsightReports.TopPick::clicks),
                        series("Readers who clicked", 2, top, InsightReports.TopPick::clickers)),
                SvgChart::count,
                true));
    }

    /** @param colour 0 accent, 1 alert, 2 good, 3 muted */
    private static <T> Series series(String name, int colour, List<T> rows, Function<T, Integer> value) {
        return new Series(name, rows.stream().map(r -> (double) value.apply(r)).toList(), colour);
    }

    private static <T> Series seriesD(String name, int colour, List<T> rows, Function<T, Double> value) {
        return new Series(name, rows.stream().map(value).toList(), colour);
    }

    /** One chart and its table: rows of [label, formatted value per series]. */
    private static ChartPanel panel(
            String id,
            String title,
            String labelHeading,
            List<String> labels,
            List<Series> series,
            DoubleFunction<String> format,
            boolean bars) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            for (Series s : series) row.add(format.apply(s.values().get(i)));
            rows.add(row);
        }
        SvgChart chart = new SvgChart(title, labels, series, format);
        return new ChartPanel(
                id,
                title,
                labelHeading,
                series.stream().map(Series::name).toList(),
                series.stream().map(Series::colour).toList(),
                rows,
                labels.isEmpty() ? "" : bars ? chart.bars() : chart.lines());
    }
}
