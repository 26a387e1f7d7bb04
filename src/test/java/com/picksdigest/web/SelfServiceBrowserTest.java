package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.support.Browser;
import com.picksdigest.support.Inbox;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A reader's whole journey in headless Chromium, phone-sized: sign up, confirm from the mail, change preferences,
 * pause, unsubscribe, and come back. Every step is checked in the page and in the database.
 */
class SelfServiceBrowserTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static WebTestSupport w;
    private static Inbox inbox;

    @BeforeAll
    static void start() {
        w = WebTestSupport.mailing(SelfServiceBrowserTest.class, smtp, new SignupConfig(true, false), "AI", "Security");
        inbox = new Inbox(smtp);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static String url(String path) {
        return w.uri(path).toString();
    }

    private static SubscribersRecord row(String email) {
        return w.db.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL_KEY.eq(email))
                .fetchOne();
    }

    private static void click(WebDriver d, String buttonText) {
        d.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']"))
                .click();
    }

    /** Waits for the page after a click (a POST, then often a redirect): its heading starts with {@code text}. */
    private static void expectHeading(WebDriver d, String text) {
        waitFor(
                d,
                "heading \"" + text + "\"",
                x -> x.findElement(By.tagName("h1")).getText().startsWith(text));
    }

    private static void expectNotice(WebDriver d, String text) {
        waitFor(
                d,
                "notice \"" + text + "\"",
                x -> x.findElements(By.cssSelector(".notice.ok")).stream()
                        .anyMatch(e -> e.getText().startsWith(text)));
    }

    private static void waitFor(WebDriver d, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(d, Duration.ofSeconds(10))
                .withMessage(() -> what + " on " + d.getCurrentUrl())
                .until(Browser.onLoadingPage(condition));
    }

    /** Readable on a phone: nothing wider than the 412-pixel window. */
    private static void fitsThePhone(ChromeDriver d) {
        Object overflow = d.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue())
                .as("horizontal overflow on " + d.getCurrentUrl())
                .isLessThanOrEqualTo(0);
    }

    @Test
    void signUpConfirmChangePreferencesUnsubscribeAndComeBack() throws Exception {
        String email = "browser.reader@example.com";
        try (Browser browser = Browser.start(Browser.PHONE, Map.of("TZ", "Asia/Tokyo"))) {
            ChromeDriver d = browser.driver();

            d.get(url("/subscribe"));
            assertThat(d.findElement(By.name("timezone")).getAttribute("value"))
                    .as("the script filled in the browser's zone")
                    .isEqualTo("Asia/Tokyo");
            fitsThePhone(d);
            d.findElement(By.name("email")).sendKeys(email);
            d.findElement(By.name("name")).sendKeys("Bea <Reader>");
            d.findElement(By.cssSelector("input[name=category][value=ai]")).click();
            d.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
            new Select(d.findElement(By.name("weekday"))).selectByValue("5");
            new Select(d.findElement(By.name("hour"))).selectByValue("7");
            click(d, "Subscribe");
            expectHeading(d, "Check your inbox");
            assertThat(d.getPageSource()).contains(email);

            String confirm = Inbox.linkPath(inbox.await(email, 1), "/confirm/");
            d.get(url(confirm));
            expectHeading(d, "Subscribe " + email);
            assertThat(row(email).getStatus())
                    .as("opening the link alone confirms nothing")
                    .isEqualTo(SubscriberStatus.PENDING);
            click(d, "Confirm");
            expectHeading(d, "You are subscribed");
            SubscribersRecord s = row(email);
            assertThat(s.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(List.of(
                            s.getName(),
                            s.getTimezone(),
                            s.getFrequency().stored(),
                            s.getWeekday().toString(),
                            s.getSendHour().toString()))
                    .containsExactly("Bea <Reader>", "Asia/Tokyo", "weekly", "5", "7");
            assertThat(w.subscribers.followedCategoryNames(s.getId())).containsExactly("AI");

            d.findElement(By.linkText("Manage your preferences")).click();
            expectHeading(d, "Your preferences");
            fitsThePhone(d);
            d.findElement(By.name("name")).clear();
            d.findElement(By.name("name")).sendKeys("Bea");
            d.findElement(By.cssSelector("input[name=category][value=security]"))
                    .click();
            d.findElement(By.cssSelector("input[name=frequency][value=daily]")).click();
            d.findElement(By.cssSelector("input[name=format][value=text]")).click();
            click(d, "Save preferences");
            expectNotice(d, "Saved.");
            s = row(email);
            assertThat(List.<Object>of(s.getName(), s.getFrequency(), s.getFormat()))
                    .containsExactly("Bea", Frequency.DAILY, DigestFormat.TEXT);
            assertThat(w.subscribers.followedCategoryNames(s.getId())).containsExactlyInAnyOrder("AI", "Security");

            new Select(d.findElement(By.name("weeks"))).selectByValue("3");
            click(d, "Pause");
            expectNotice(d, "Paused.");
            assertThat(row(email).getPausedUntil())
                    .isEqualTo(LocalDate.now(ZoneId.of("Asia/Tokyo")).plusWeeks(3));
            click(d, "Resume now");
            expectNotice(d, "Welcome back");
            assertThat(row(email).getPausedUntil()).isNull();

            d.findElement(By.linkText("Unsubscribe")).click();
            expectHeading(d, "Unsubscribe " + email);
            d.findElement(By.name("reason")).sendKeys("Going on holiday");
            click(d, "Unsubscribe");
            expectHeading(d, "You are unsubscribed");
            assertThat(row(email).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

            click(d, "Resubscribe");
            expectHeading(d, "Check your inbox");
            assertThat(row(email).getStatus())
                    .as("coming back needs the mailbox")
                    .isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(inbox.await(email, 2).getSubject()).startsWith("Welcome to ");
            String again = Inbox.linkPath(inbox.await(email, 3), "/confirm/");
            d.get(url(again));
            expectHeading(d, "Resubscribe " + email);
            click(d, "Confirm");
            expectHeading(d, "You are subscribed");
            assertThat(row(email).getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(w.db.select(EVENTS.TYPE)
                            .from(EVENTS)
                            .where(EVENTS.SUBSCRIBER_ID.eq(s.getId()))
                            .orderBy(EVENTS.ID)
                            .fetch(EVENTS.TYPE))
                    .containsExactly(
                            "subscribed",
                            "confirmed",
                            "preferences",
                            "paused",
                            "resumed",
                            "unsubscribed",
                            "resubscribed");
        }
    }
}
