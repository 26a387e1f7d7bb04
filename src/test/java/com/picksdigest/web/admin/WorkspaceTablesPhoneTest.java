package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.EDITION_NOTES;
import static com.picksdigest.db.generated.Tables.FEEDS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.api.ApiKeys;
import com.picksdigest.db.types.PickStatus;
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
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Every workspace list in headless Chromium at 375 px, each holding a row with long, unbreakable values: no page is
 * wider than the screen (a wide table scrolls inside its own box). Screenshots under target/workspace-phone/.
 */
class WorkspaceTablesPhoneTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final Path SHOTS = Path.of("target", "workspace-phone");
    static final String LONG = "a-long-unbreakable-value-that-would-push-a-table-past-the-screen-edge";
    static AdminStack stack;
    static Browser browser;
    static RemoteWebDriver d;

    @BeforeAll
    static void start() throws Exception {
        stack = new AdminStack(WorkspaceTablesPhoneTest.class, smtp.getSmtp().getPort(), Clock.systemUTC(), Map.of());
        DSLContext db = stack.harness.app.database().dsl();
        var categories = stack.harness.app.categories();
        categories.add("Category " + LONG);
        categories.add("AI");
        stack.editor("ed@example.org", Role.ADMIN);
        Instant now = Instant.now();
        stack.seed.published("Published pick " + LONG, "AI", now.minusSeconds(60));
        long candidate = stack.seed
                .published("Candidate " + LONG, "AI", now.minusSeconds(30))
                .getId();
        db.update(PICKS)
                .set(PICKS.STATUS, PickStatus.CANDIDATE)
                .where(PICKS.ID.eq(candidate))
                .execute();
        stack.seed.subscriber(
                "someone.with.a.rather.long.local.part.for.phones@a-long-subdomain-label-for-the-width-check.example.com",
                "Sam " + LONG,
                "UTC",
                "html");
        stack.harness.sendNow();
        LocalDateTime utcNow = LocalDateTime.now(ZoneOffset.UTC);
        var feed = db.newRecord(FEEDS);
        feed.setUrl("https://feeds.example.com/" + LONG + "/rss.xml");
        feed.setUrlKey("0".repeat(64));
        feed.setTitle("Feed " + LONG);
        feed.setCategoryId(categories.active().get(0).getId());
        feed.setNextFetchAt(utcNow.plusHours(1));
        feed.setLastError("HTTP 503 from https://feeds.example.com/" + LONG);
        feed.setCreatedBy("ed@example.org");
        feed.setCreatedAt(utcNow);
        feed.store();
        var hook = db.newRecord(WEBHOOK_ENDPOINTS);
        hook.setUrl("https://hooks.example.com/" + LONG + "/" + LONG);
        hook.setEventTypes("subscriber.created,pick.published");
        hook.setSecret("whsec_test");
        hook.setCreatedBy("ed@example.org");
        hook.store();
        stack.harness.app.apiKeys().create("Key " + LONG, ApiKeys.SCOPES, "ed@example.org");
        var note = db.newRecord(EDITION_NOTES);
        note.setEditionDate(LocalDate.now(ZoneOffset.UTC));
        note.setMarkdown("Note " + LONG + " " + LONG);
        note.setUpdatedBy("ed@example.org");
        note.setUpdatedAt(utcNow);
        note.store();
        browser = Browser.start("375,1400", Map.of());
        d = browser.driver();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close(); // null where chromedriver is missing and the class was skipped
        stack.close();
    }

    @Test
    void everyWorkspaceListFitsA375PxScreen() throws Exception {
        d.get(stack.url("/admin/login"));
        d.findElement(By.id("email")).sendKeys("ed@example.org");
        d.findElement(By.id("password")).sendKeys(AdminStack.PASSWORD);
        d.findElement(By.cssSelector("button[type=submit]")).click();
        d.manage().window().setSize(new Dimension(375, 1400));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<String> pages = List.of(
                "/admin/picks",
                "/admin/candidates",
                "/admin/categories",
                "/admin/feeds",
                "/admin/reports",
                "/admin/reports/" + today,
                "/admin/subscribers?q=example",
                "/admin/webhooks",
                "/admin/api-keys",
                "/admin/notes");
        List<String> problems = new ArrayList<>();
        for (String path : pages) {
            d.get(stack.url(path));
            String name = path.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            Files.copy(
                    d.getScreenshotAs(OutputType.FILE).toPath(),
                    SHOTS.resolve(name + "-375.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(d.getCurrentUrl()).as(path).doesNotContain("/admin/login");
            // the edition index holds only dates and counts; every other list shows a row with the long value
            assertThat(d.getPageSource())
                    .as(path + " shows the seeded row")
                    .contains(path.equals("/admin/reports") ? today : LONG);
            long viewport = (Long) d.executeScript("return window.innerWidth;");
            long width = (Long) d.executeScript("return document.documentElement.scrollWidth;");
            if (width > viewport) problems.add(path + " is " + width + " px wide on a " + viewport + " px screen");
        }
        assertThat(problems).isEmpty();
    }
}
