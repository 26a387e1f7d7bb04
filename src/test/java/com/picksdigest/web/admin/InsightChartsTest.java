package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.support.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The dashboard and the chart pages over real HTTP, on data seeded day by day with a fixed clock: each chart's SVG
 * parses as XML, holds in its marks' titles exactly the numbers of its table, and those are the seeded answers.
 */
class InsightChartsTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-30");
    static AdminStack stack;
    static DSLContext db;
    static AdminHttp ed;
    static List<SubscribersRecord> readers = new ArrayList<>();
    static PicksRecord pick;

    @BeforeAll
    static void seed() {
        MutableClock clock = new MutableClock(NOW);
        stack = new AdminStack(
                InsightChartsTest.class, smtp.getSmtp().getPort(), clock, Map.of("PICKS_TRACK_CLICKS", "true"));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.EDITOR);
        pick = stack.seed.published("Most read story", "AI", NOW.minusSeconds(7200));
        for (int i = 0; i < 3; i++)
            readers.add(stack.seed.subscriber("reader" + i + "@example.com", null, "UTC", "html"));
        // Days 1..29 ago: k % 3 joins and k % 2 departures, at ten in the morning.
        for (int k = 1; k < 30; k++) {
            LocalDateTime at = TODAY.minusDays(k).atTime(10, 0);
            for (int j = 0; j < k % 3; j++) event("subscribed", null, null, at);
            for (int j = 0; j < k % 2; j++) event("unsubscribed", null, null, at);
        }
        // Yesterday's edition reached all three; one bounced, one clicked, one left afterwards.
        long yesterday = edition(TODAY.minusDays(1));
        List<Long> sent = new ArrayList<>();
        for (SubscribersRecord r : readers)
            sent.add(delivery(yesterday, r.getId(), "sent", TODAY.minusDays(1).atTime(8, 0), null));
        event("bounced", readers.get(0).getId(), sent.get(0), TODAY.minusDays(1).atTime(8, 5));
        var click = event(
                "clicked",
                readers.get(1).getId(),
                sent.get(1),
                TODAY.minusDays(1).atTime(9, 0));
        click.setPickId(pick.getId());
        click.store();
        event("unsubscribed", readers.get(2).getId(), null, TODAY.minusDays(1).atTime(11, 0));
        // Today's edition: sent at 10:03 and 10:07 and 10:25, one still queued, one deferred.
        long today = edition(TODAY);
        delivery(today, readers.get(0).getId(), "sent", TODAY.atTime(10, 3), null);
        delivery(today, readers.get(1).getId(), "sent", TODAY.atTime(10, 7), null);
        delivery(today, readers.get(2).getId(), "sent", TODAY.atTime(10, 25), null);
        SubscribersRecord late = stack.seed.subscriber("late@example.com", null, "UTC", "html");
        SubscribersRecord slow = stack.seed.subscriber("slow@example.com", null, "UTC", "html");
        delivery(today, late.getId(), "queued", null, null);
        delivery(today, slow.getId(), "queued", null, "451 4.7.1 try later");
        ed = new AdminHttp(stack);
        ed.signIn("ed@example.org", AdminStack.PASSWORD);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void growthShowsEverySeededDayWithTheSameNumbersInSvgAndTable() throws Exception {
        String page = ed.get("/admin/charts/growth?days=30").body();

        Map<String, List<String>> table = table(page, "joins-table");
        assertThat(table).hasSize(30);
        // today: the five subscribers seeded through the service; none left today
        assertThat(table.get(TODAY.toString())).containsExactly("5", "0", "5");
        for (int k = 1; k < 30; k++) {
            assertThat(table.get(TODAY.minusDays(k).toString()))
                    .as("day -%d", k)
                    .containsExactly("" + joins(k), "" + departures(k), "" + (joins(k) - departures(k)));
        }
        assertThat(svgTitles(page, 0)).isEqualTo(asTitles(table, List.of("Joined", "Left", "Net")));

        Map<String, List<String>> totals = table(page, "total-table");
        // five on the list now (one of the three unsubscribed only by an event, the list counts rows)
        int total = 5;
        for (int k = 0; k < 30; k++) {
            assertThat(totals.get(TODAY.minusDays(k).toString())).containsExactly("" + total);
            int net = k == 0 ? 5 : joins(k) - departures(k);
            total -= net;
        }
        assertThat(svgTitles(page, 1)).isEqualTo(asTitles(totals, List.of("On the list")));
        assertThat(ed.get("/admin/charts/growth?days=365").body()).contains("last 365 days");
        assertThat(ed.get("/admin/charts/growth?days=7").statusCode()).isEqualTo(400);
    }

    @Test
    void editionsShowDeliveredAndRates() throws Exception {
        String page = ed.get("/admin/charts/editions?days=30").body();

        Map<String, List<String>> delivered = table(page, "delivered-table");
        assertThat(delivered.get(TODAY.minusDays(1).toString())).containsExactly("3");
        assertThat(delivered.get(TODAY.toString())).containsExactly("3");
        Map<String, List<String>> rates = table(page, "rates-table");
        assertThat(rates.get(TODAY.minusDays(1).toString())).containsExactly("33.3%", "33.3%", "0.0%", "33.3%");
        assertThat(svgTitles(page, 0)).isEqualTo(asTitles(delivered, List.of("Delivered")));
        assertThat(svgTitles(page, 1))
                .isEqualTo(asTitles(rates, List.of("Bounce rate", "Unsubscribe rate", "Complaint rate", "Click rate")));
    }

    @Test
    void todaysSendingPerTenMinutesAndPerLocalHour() throws Exception {
        String page = ed.get("/admin/charts/sending").body();

        Map<String, List<String>> slots = table(page, "progress-table");
        assertThat(slots)
                .containsExactly(
                        Map.entry("10:00", List.of("2")),
                        Map.entry("10:10", List.of("0")),
                        Map.entry("10:20", List.of("1")));
        assertThat(svgTitles(page, 0)).isEqualTo(asTitles(slots, List.of("Sent")));
        assertThat(table(page, "hours-table")).containsExactly(Map.entry("00:00", List.of("5", "3")));
    }

    @Test
    void topPicksByClicks() throws Exception {
        String page = ed.get("/admin/charts/clicks?days=30").body();

        Map<String, List<String>> top = table(page, "top-table");
        assertThat(top).containsExactly(Map.entry("Most read story", List.of("1", "1")));
        assertThat(svgTitles(page, 0)).isEqualTo(asTitles(top, List.of("Clicks", "Readers who clicked")));
    }

    @Test
    void dashboardTellsTodayTheQueueAndTheSummaries() {
        db.insertInto(com.picksdigest.db.generated.Tables.FEEDS)
                .set(com.picksdigest.db.generated.Tables.FEEDS.URL, "https://feeds.example.org/broken.xml")
                .set(com.picksdigest.db.generated.Tables.FEEDS.URL_KEY, "k".repeat(64))
                .set(
                        com.picksdigest.db.generated.Tables.FEEDS.CATEGORY_ID,
                        stack.harness.app.categories().all().get(0).getId())
                .set(com.picksdigest.db.generated.Tables.FEEDS.NEXT_FETCH_AT, TODAY.atTime(13, 0))
                .set(com.picksdigest.db.generated.Tables.FEEDS.FAILURES, 4)
                .set(com.picksdigest.db.generated.Tables.FEEDS.LAST_ERROR, "HTTP 500")
                .set(com.picksdigest.db.generated.Tables.FEEDS.CREATED_BY, "test")
                .set(com.picksdigest.db.generated.Tables.FEEDS.CREATED_AT, TODAY.atTime(1, 0))
                .execute();

        String page = ed.get("/admin").body();

        assertThat(page)
                .contains("<td class=\"num due\">5</td>", "<td class=\"num sent\">3</td>")
                .contains("<td class=\"num pending\">1</td>", "<td class=\"num deferred\">1</td>")
                .contains("<span class=\"sent-today\">3</span>")
                .contains("<td class=\"num delivered\">3</td>")
                .contains("https://feeds.example.org/broken.xml</a>: 4 failures", "HTTP 500")
                .contains("href=\"/admin/charts/growth\"", "Most read story");
        int joins = 5, left = 0;
        for (int k = 1; k < 30; k++) {
            joins += joins(k);
            left += departures(k);
        }
        assertThat(page)
                .contains("<td class=\"num joins\">" + joins + "</td>")
                .contains("<td class=\"num departures\">" + left + "</td>", "<td class=\"num total\">5</td>");
    }

    // --- helpers

    private static int joins(int daysAgo) {
        return daysAgo % 3;
    }

    /** Yesterday also saw the seeded edition's bounce and unsubscription. */
    private static int departures(int daysAgo) {
        return daysAgo % 2 + (daysAgo == 1 ? 2 : 0);
    }

    private static com.picksdigest.db.generated.tables.records.EventsRecord event(
            String type, Long subscriber, Long delivery, LocalDateTime at) {
        var e = db.newRecord(EVENTS);
        e.setType(type);
        e.setSubscriberId(subscriber);
        e.setDeliveryId(delivery);
        e.setCreatedAt(at);
        e.store();
        return e;
    }

    private static long edition(LocalDate date) {
        var e = db.newRecord(EDITIONS);
        e.setEditionDate(date);
        e.store();
        return e.getId();
    }

    private static long delivery(long edition, long subscriber, String status, LocalDateTime sentAt, String reply) {
        var d = db.newRecord(DELIVERIES);
        d.setEditionId(edition);
        d.setSubscriberId(subscriber);
        d.setStatus(DeliveryStatus.parse(status));
        d.setSentAt(sentAt);
        d.setLastReply(reply);
        d.store();
        return d.getId();
    }

    /** Rows of the table with this id: first cell (the label) to the other cells, in order. */
    static Map<String, List<String>> table(String page, String id) {
        int start = page.indexOf("<table id=\"" + id + "\"");
        assertThat(start).as("table " + id).isNotNegative();
        String t = page.substring(start, page.indexOf("</table>", start));
        String body = t.substring(t.indexOf("<tbody>"));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        while (row.find()) {
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(row.group(1));
            List<String> cells = new ArrayList<>();
            while (cell.find()) cells.add(unescape(cell.group(1)));
            rows.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return rows;
    }

    /** The marks' titles of the n-th chart on the page, which must parse as XML. */
    static List<String> svgTitles(String page, int n) throws Exception {
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(page);
        for (int i = 0; i <= n; i++) assertThat(m.find()).as("chart " + i).isTrue();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc =
                f.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).isNotEmpty();
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("100%");
        List<String> titles = new ArrayList<>();
        NodeList marks = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        for (int i = 0; i < marks.getLength(); i++) {
            var parent = marks.item(i).getParentNode().getLocalName();
            if (parent.equals("rect") || parent.equals("circle"))
                titles.add(marks.item(i).getTextContent());
        }
        titles.sort(null);
        return titles;
    }

    /** What the marks' titles must be for this table: "label · series: value". */
    static List<String> asTitles(Map<String, List<String>> table, List<String> series) {
        List<String> out = new ArrayList<>();
        table.forEach((label, values) -> {
            for (int i = 0; i < series.size(); i++) out.add(label + " · " + series.get(i) + ": " + values.get(i));
        });
        out.sort(null);
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
