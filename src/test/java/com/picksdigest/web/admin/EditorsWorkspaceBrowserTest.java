package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.editors.Role;
import com.picksdigest.support.Await;
import com.picksdigest.support.Browser;
import com.picksdigest.support.FeedServer;
import com.picksdigest.support.Mails;
import com.picksdigest.support.TestOutbound;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An editor's day in headless Chromium, against the real server, database, SMTP server and a feed over HTTP. */
class EditorsWorkspaceBrowserTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static AdminStack stack;
    static FeedServer feeds;
    static Browser browser;
    static WebDriver d;
    static DSLContext db;

    @BeforeAll
    static void start() {
        feeds = new FeedServer();
        stack = new AdminStack(
                EditorsWorkspaceBrowserTest.class,
                smtp.getSmtp().getPort(),
                Clock.systemUTC(),
                Map.of(),
                false,
                TestOutbound.forFeeds(feeds));
        db = stack.harness.app.database().dsl();
        stack.harness.app.categories().add("AI");
        stack.harness.app.categories().add("Security");
        stack.editors.add("ed@example.org", "Ed", AdminStack.PASSWORD, Role.EDITOR);
        browser = Browser.start(Browser.DESKTOP, Map.of());
        d = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close(); // null where chromedriver is missing and the class was skipped
        feeds.close();
        stack.close();
    }

    @Test
    void anEditorCuratesImportsPreviewsTestsAndReadsTheReport() throws Exception {
        try {
            story();
        } catch (AssertionError | RuntimeException e) {
            browser.keep("workspace-failure");
            throw e;
        }
    }

    private void story() throws Exception {
        // Sign in: the workspace sends us to the form first, then back where we were going.
        d.get(stack.url("/admin/picks"));
        assertThat(d.getCurrentUrl()).contains("/admin/login");
        d.findElement(By.id("email")).sendKeys("ed@example.org");
        d.findElement(By.id("password")).sendKeys(AdminStack.PASSWORD);
        go(d.findElement(By.cssSelector("button[type=submit]")));
        assertThat(d.getCurrentUrl()).endsWith("/admin/picks");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Picks");

        // Create a pick with a bad link: the message sits next to the field, what was typed stays, nothing is saved.
        go(d.findElement(By.linkText("New pick")));
        d.findElement(By.id("title")).sendKeys("First pick of the day");
        d.findElement(By.id("url")).sendKeys("not a link");
        new Select(d.findElement(By.id("category"))).selectByValue("ai");
        go(d.findElement(By.cssSelector("form.card button[type=submit]")));
        assertThat(d.findElement(By.id("url-error")).getText()).isEqualTo("URL is not a valid link: \"not a link\".");
        assertThat(d.findElement(By.id("url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(d.findElement(By.id("title")).getAttribute("value")).isEqualTo("First pick of the day");
        assertThat(db.fetchCount(PICKS)).isZero();
        WebElement url = d.findElement(By.id("url"));
        url.clear();
        url.sendKeys("https://example.com/first");
        go(d.findElement(By.cssSelector("form.card button[type=submit]")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText()).isEqualTo("Pick created.");
        assertThat(db.fetchOne(PICKS, PICKS.TITLE.eq("First pick of the day")).getStatus())
                .isEqualTo(PickStatus.DRAFT);

        // Publish it from the list.
        go(d.findElement(By.linkText("Picks")));
        go(row("First pick of the day").findElement(By.cssSelector("button.publish")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText()).isEqualTo("Published.");
        assertThat(db.fetchOne(PICKS, PICKS.TITLE.eq("First pick of the day")).getStatus())
                .isEqualTo(PickStatus.PUBLISHED);

        // A second pick published now comes first; moving it down puts the first one back on top.
        go(d.findElement(By.linkText("New pick")));
        d.findElement(By.id("title")).sendKeys("Second pick");
        d.findElement(By.id("url")).sendKeys("https://example.com/second");
        new Select(d.findElement(By.id("category"))).selectByValue("ai");
        new Select(d.findElement(By.id("publish"))).selectByValue("now");
        go(d.findElement(By.cssSelector("form.card button[type=submit]")));
        go(d.findElement(By.linkText("Picks")));
        go(d.findElement(By.linkText("Today's order")));
        assertThat(titles()).containsExactly("Second pick", "First pick of the day");
        go(row("Second pick").findElement(By.cssSelector("button[name=down]")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText()).isEqualTo("Order changed.");
        assertThat(titles()).containsExactly("First pick of the day", "Second pick");

        // Register a feed served over HTTP by this test, poll it, accept a candidate with an edited summary.
        String feedUrl = feeds.serveResource("rss2.xml", "application/rss+xml; charset=utf-8", "\"rev-1\"");
        go(d.findElement(By.linkText("Feeds")));
        d.findElement(By.id("url")).sendKeys(feedUrl);
        new Select(d.findElement(By.id("category"))).selectByValue("ai");
        go(d.findElement(By.cssSelector("form.card button[type=submit]")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText()).startsWith("Feed registered");
        go(d.findElement(By.cssSelector("#feeds button.poll")));
        // the poll runs in the background: the page says so until it is done, then shows the outcome
        Await.until(
                Duration.ofSeconds(20),
                () -> {
                    if (!d.findElement(By.cssSelector(".notice.ok")).getText().startsWith("Polling ")) return true;
                    d.navigate().refresh();
                    return false;
                },
                () -> "the poll's outcome on the feeds page");
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("2 new candidate(s), 0 already known, 1 without a usable link.");
        go(d.findElement(By.linkText("Candidates")));
        List<WebElement> candidates = d.findElements(By.cssSelector(".candidate"));
        assertThat(candidates).hasSize(2);
        WebElement open = candidates.stream()
                .filter(c -> c.findElement(By.cssSelector(".candidate-title"))
                        .getText()
                        .equals("Open model beats benchmark"))
                .findFirst()
                .orElseThrow();
        WebElement summary = open.findElement(By.tagName("textarea"));
        summary.clear();
        summary.sendKeys("Our take: the open model really does top the chart.");
        go(open.findElement(By.cssSelector("button.accept-publish")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText()).isEqualTo("Candidate accepted.");
        assertThat(d.findElements(By.cssSelector(".candidate"))).hasSize(1);
        PicksRecord accepted = db.fetchOne(PICKS, PICKS.TITLE.eq("Open model beats benchmark"));
        assertThat(accepted.getStatus()).isEqualTo(PickStatus.PUBLISHED);
        assertThat(accepted.getSummary()).isEqualTo("Our take: the open model really does top the chart.");

        // Preview as a subscriber: HTML in the frame, text beside it.
        stack.seed.subscriber("reader@example.com", "Rea Der", "UTC", "html", "ai");
        go(d.findElement(By.linkText("Preview")));
        d.findElement(By.id("email")).sendKeys("reader@example.com");
        go(d.findElement(By.cssSelector("form.card button[type=submit]")));
        assertThat(d.findElement(By.id("subject")).getText()).contains("Picks <&> Test");
        assertThat(d.findElement(By.id("text-preview")).getText())
                .contains("Hi Rea Der,", "First pick of the day", "Second pick", "Open model beats benchmark");
        d.switchTo().frame(d.findElement(By.id("html-preview")));
        assertThat(d.findElement(By.tagName("body")).getText()).contains("Hi Rea Der,", "Open model beats benchmark");
        assertThat(d.findElements(By.linkText("First pick of the day"))).hasSize(1);
        d.switchTo().defaultContent();

        // Send a test: the real message arrives at the editor's address.
        go(d.findElement(By.id("send-test")));
        assertThat(d.findElement(By.cssSelector(".notice.ok")).getText())
                .isEqualTo("Test message sent to ed@example.org.");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage test = smtp.getReceivedMessages()[0];
        assertThat(Mails.to(test)).isEqualTo("ed@example.org");
        assertThat(test.getSubject()).startsWith("[Test] Picks <&> Test");
        assertThat(Mails.html(test)).contains("Open model beats benchmark");
        assertThat(Mails.header(test, "List-Unsubscribe")).contains("/u/preview"); // never a real subscriber's link

        // Dispatch, then read the edition report.
        stack.harness.sendNow();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        go(d.findElement(By.linkText("Reports")));
        WebElement edition = d.findElement(By.cssSelector("#editions tr[data-date='" + today + "']"));
        assertThat(edition.findElement(By.cssSelector("td.sent")).getText()).isEqualTo("1");
        go(edition.findElement(By.linkText(today)));
        assertThat(d.findElement(By.cssSelector("#summary td.due")).getText()).isEqualTo("1");
        assertThat(d.findElement(By.cssSelector("#summary td.sent")).getText()).isEqualTo("1");
        assertThat(d.findElement(By.id("picks")).getText())
                .contains("First pick of the day", "Second pick", "Open model beats benchmark");
        // the report and the digest's "view in browser" page agree on what went out
        go(d.findElement(By.linkText("Public page of this edition")));
        assertThat(d.findElement(By.tagName("main")).getText())
                .contains("First pick of the day", "Second pick", "Open model beats benchmark");
        assertThat(d.getCurrentUrl()).endsWith("/archive/" + today);
        MimeMessage digest = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> !subject(m).startsWith("[Test]"))
                .findFirst()
                .orElseThrow();
        assertThat(Mails.html(digest)).contains(stack.baseUrl + "/archive/" + today);
    }

    /** Clicks something that loads a page and waits until the new page has replaced the old one. */
    private static void go(WebElement e) {
        WebElement html = d.findElement(By.tagName("html"));
        e.click();
        new WebDriverWait(d, Duration.ofSeconds(15)).until(Browser.replaced(html));
        new WebDriverWait(d, Duration.ofSeconds(15))
                .until(Browser.onLoadingPage(x -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) x)
                                .executeScript("return document.readyState"))));
    }

    private static WebElement row(String title) {
        return d.findElements(By.cssSelector("#picks tbody tr")).stream()
                .filter(r ->
                        r.findElement(By.cssSelector(".pick-title")).getText().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + title));
    }

    private static List<String> titles() {
        return d.findElements(By.cssSelector("#picks .pick-title")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
