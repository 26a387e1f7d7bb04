package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.editors.Role;
import com.picksdigest.support.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The dashboard, every chart page and a subscriber record in headless Chromium at 1280 and 375 px, light and dark:
 * screenshots under target/insight/, no page wider than the screen, each chart drawn inside its width, and the
 * numbers of each chart's marks equal to its table's.
 */
class InsightBrowserTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final Path SHOTS = Path.of("target", "insight");
    static AdminStack stack;
    static Browser browser;
    static RemoteWebDriver d;
    static SubscribersRecord reader;

    @BeforeAll
    static void start() throws Exception {
        stack = new AdminStack(
                InsightBrowserTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of("PICKS_TRACK_CLICKS", "true"));
        DSLContext db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.editor("ed@example.org", Role.ADMIN);
        stack.seed.published(
                "A pick with a rather long title that must wrap on a phone",
                "AI",
                Instant.now().minusSeconds(60));
        reader = stack.seed.subscriber("a.reader.with.a.long.address@example.com", "Rita Reader", "UTC", "html");
        stack.seed.subscriber("bounced@example.com", null, "UTC", "html");
        stack.harness.sendNow();
        db.update(DELIVERIES)
                .set(DELIVERIES.LAST_REPLY, "250 2.0.0 Ok: queued as 4F2A1B3C9D, a long relay reply to wrap")
                .where(DELIVERIES.SUBSCRIBER_ID.eq(reader.getId()))
                .execute();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int k = 1; k < 30; k++) {
            for (int j = 0; j < (k * 7) % 5; j++)
                event(db, "subscribed", today.minusDays(k).atTime(9, 0));
            for (int j = 0; j < (k * 3) % 2; j++)
                event(db, "unsubscribed", today.minusDays(k).atTime(15, 0));
        }
        browser = Browser.start(Browser.DESKTOP, Map.of());
        d = browser.driver();
        Files.createDirectories(SHOTS);
    }

    private static void event(DSLContext db, String type, LocalDateTime at) {
        var e = db.newRecord(EVENTS);
        e.setType(type);
        e.setCreatedAt(at);
        e.store();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        stack.close();
    }

    @Test
    void everyInsightPageReadsOnDesktopAndPhoneInLightAndDark() throws Exception {
        d.get(stack.url("/admin/login"));
        d.findElement(By.id("email")).sendKeys("ed@example.org");
        d.findElement(By.id("password")).sendKeys(AdminStack.PASSWORD);
        d.findElement(By.cssSelector("button[type=submit]")).click();
        List<String> pages = List.of(
                "/admin",
                "/admin/charts/growth?days=30",
                "/admin/charts/editions?days=30",
                "/admin/charts/sending",
                "/admin/charts/clicks?days=30",
                "/admin/subscribers/" + reader.getId(),
                "/admin/subscribers?q=example");
        List<String> problems = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            ((HasCdp) d)
                    .executeCdpCommand(
                            "Emulation.setEmulatedMedia",
                            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            for (int width : new int[] {1280, 375}) {
                d.manage().window().setSize(new Dimension(width, 2200));
                for (String path : pages) {
                    d.get(stack.url(path));
                    String name =
                            path.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + width + "-" + scheme;
                    Files.copy(
                            d.getScreenshotAs(OutputType.FILE).toPath(),
                            SHOTS.resolve(name + ".png"),
                            StandardCopyOption.REPLACE_EXISTING);
                    long overflow = (Long) d.executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    if (overflow > 0) problems.add(name + " is " + overflow + " px wider than the screen");
                    Long wideCharts = (Long) d.executeScript("return Array.from(document.querySelectorAll('svg.chart'))"
                            + ".filter(s => s.getBoundingClientRect().right > document.documentElement.clientWidth)"
                            + ".length;");
                    if (wideCharts > 0) problems.add(name + " has a chart wider than the screen");
                    String bg = (String) d.executeScript("return getComputedStyle(document.body).backgroundColor;");
                    String expected = scheme.equals("dark") ? "rgb(13, 17, 23)" : "rgb(242, 243, 245)";
                    if (!bg.equals(expected)) problems.add(name + " background " + bg);
                    String source = d.getPageSource();
                    if (path.startsWith("/admin/charts")) chartsMatchTables(name, source, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every chart on the page against the table printed beside it, as the browser received them. */
    private static void chartsMatchTables(String name, String page, List<String> problems) throws Exception {
        List<String> tables = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("<table id=\"([a-z]+-table)\"").matcher(page);
        while (m.find()) tables.add(m.group(1));
        for (int i = 0; i < tables.size(); i++) {
            Map<String, List<String>> table = InsightChartsTest.table(page, tables.get(i));
            int columns = table.values().iterator().next().size();
            List<String> header = headers(page, tables.get(i));
            List<String> expected = InsightChartsTest.asTitles(table, header.subList(1, 1 + columns));
            if (!InsightChartsTest.svgTitles(page, i).equals(expected)) {
                problems.add(name + ": chart " + tables.get(i) + " differs from its table");
            }
        }
    }

    private static List<String> headers(String page, String id) {
        int start = page.indexOf("<table id=\"" + id + "\"");
        String head = page.substring(page.indexOf("<thead>", start), page.indexOf("</thead>", start));
        List<String> out = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("<th[^>]*>(.*?)</th>").matcher(head);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
