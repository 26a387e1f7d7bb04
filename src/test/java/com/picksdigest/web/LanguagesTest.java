package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.delivery.Sending;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.EnglishSentences;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import com.picksdigest.support.Seed;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every shipped language as its readers meet it, over real HTTP and SMTP: the sign-up page chosen by Accept-Language
 * and by the selector, the confirmation and welcome mails, the digest (HTML and text), and every public page behind a
 * reader's link, each with the right lang and dir and no English sentence of the catalogue left in it. Picks stay in
 * the language the editor wrote them in, isolated for the direction of the page.
 */
class LanguagesTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String TITLE = "Rust 2.0 ships with a new borrow checker";

    @Test
    void everyLanguageReadsThroughWithoutEnglishLeft() throws Exception {
        Inbox inbox = new Inbox(smtp);
        List<String> problems = new ArrayList<>();
        try (WebTestSupport w = WebTestSupport.mailing(LanguagesTest.class, smtp, new SignupConfig(true, false))) {
            Seed seed = new Seed(w.db, Clock.systemUTC());
            w.categories.add("News");
            seed.published(TITLE, "News", Instant.now().minus(Duration.ofHours(2)));
            seed.published("A second story", "News", Instant.now().minus(Duration.ofHours(1)));
            Map<String, SubscribersRecord> readers = new java.util.HashMap<>();
            for (String lang : Catalogues.SHIPPED) readers.put(lang, reader(w, lang));

            // The digest, to a reader of each language
            Scheduling scheduling =
                    w.app.startScheduling("node-l", List.of(w.app.sending().dispatchTask()), false);
            w.app.sending().workers().start();
            scheduling.runNow(Sending.DISPATCH_TASK);
            for (String lang : Catalogues.SHIPPED) {
                MimeMessage digest = inbox.await(readers.get(lang).getEmail(), 1);
                String html = Mails.html(digest);
                String text = Mails.text(digest);
                check(problems, lang, "digest HTML", html, true);
                check(problems, lang, "digest text", text, false);
                check(problems, lang, "digest subject", digest.getSubject(), false);
                assertThat(html).as(lang).contains("<h2 dir=\"auto\"").contains(TITLE);
                assertThat(text).as(lang).contains(TITLE);
            }
            w.app.stopSending();

            for (String lang : Catalogues.SHIPPED) {
                // Sign-up: the browser's language by default, the selector's choice when made
                HttpResponse<String> signup = get(w, "/subscribe", lang);
                check(problems, lang, "sign-up page", signup.body(), true);
                assertThat(signup.body())
                        .as(lang)
                        .contains("<option value=\"" + lang + "\" lang=\"" + lang + "\" selected>");
                check(
                        problems,
                        lang,
                        "sign-up page by ?lang=",
                        w.get("/subscribe?lang=" + lang).body(),
                        true);

                // A refused sign-up says why in the reader's language, field by field
                HttpResponse<String> refused = w.send(HttpRequest.newBuilder(w.uri("/subscribe"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(WebTestSupport.form(
                                "email", "ada@example.org", "timezone", "Mars/Olympus", "locale", lang))));
                assertThat(refused.statusCode()).isEqualTo(400);
                check(problems, lang, "refused sign-up", refused.body(), true);
                if (lang.equals("en")) {
                    assertThat(refused.body()).contains("IANA time zone");
                } else {
                    assertThat(refused.body())
                            .as(lang)
                            .doesNotContain("IANA")
                            .contains(w.app.catalogues().of(lang).format("form.invalid.timezone"));
                }

                String email = "new-" + lang.toLowerCase() + "@example.org";
                HttpResponse<String> sent = w.send(HttpRequest.newBuilder(w.uri("/subscribe"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                WebTestSupport.form("email", email, "timezone", "UTC", "locale", lang))));
                assertThat(sent.statusCode()).isEqualTo(200);
                check(problems, lang, "check-inbox page", sent.body(), true);
                MimeMessage confirm = inbox.await(email, 1);
                check(problems, lang, "confirmation HTML", Mails.html(confirm), true);
                check(problems, lang, "confirmation text", Mails.text(confirm), false);
                check(problems, lang, "confirmation subject", confirm.getSubject(), false);
                String confirmToken = Inbox.linkPath(confirm, "/confirm/").substring("/confirm/".length());
                check(
                        problems,
                        lang,
                        "confirm page",
                        w.get("/confirm/" + confirmToken).body(),
                        true);
                HttpResponse<String> confirmed =
                        w.postForm("/confirm/" + confirmToken, "csrf", w.csrf.issue(confirmToken));
                assertThat(confirmed.statusCode()).isEqualTo(200);
                check(problems, lang, "confirmed page", confirmed.body(), true);
                MimeMessage welcome = inbox.await(email, 2);
                check(problems, lang, "welcome HTML", Mails.html(welcome), true);
                check(problems, lang, "welcome text", Mails.text(welcome), false);

                // The pages behind a reader's link are in the reader's language, whatever the browser says
                String token = w.token(readers.get(lang));
                check(
                        problems,
                        lang,
                        "preferences page",
                        get(w, "/prefs/" + token, "en").body(),
                        true);
                check(
                        problems,
                        lang,
                        "unsubscribe page",
                        get(w, "/u/" + token, "en").body(),
                        true);
                check(
                        problems,
                        lang,
                        "erase page",
                        get(w, "/prefs/" + token + "/erase", "en").body(),
                        true);
                HttpResponse<String> unsubscribed = w.postForm("/u/" + token, "reason", "");
                check(problems, lang, "unsubscribed page", unsubscribed.body(), true);
                HttpResponse<String> erased = w.postForm("/prefs/" + token + "/erase", "csrf", w.csrf.issue(token));
                check(problems, lang, "erased page", erased.body(), true);

                // Pages for anyone: the archive and errors follow the browser
                check(problems, lang, "archive", get(w, "/archive", lang).body(), true);
                String date = LocalDate.now(ZoneOffset.UTC).toString();
                HttpResponse<String> edition = get(w, "/archive/" + date, lang);
                if (edition.statusCode() == 404)
                    edition = get(w, "/archive/" + LocalDate.now(ZoneOffset.UTC).minusDays(1), lang);
                assertThat(edition.statusCode()).as(lang + " archive edition").isEqualTo(200);
                check(problems, lang, "archive edition", edition.body(), true);
                HttpResponse<String> missing = get(w, "/no-such-page", lang);
                assertThat(missing.statusCode()).isEqualTo(404);
                check(problems, lang, "error page", missing.body(), true);
                HttpResponse<String> forged = get(w, "/prefs/forged.token", lang);
                assertThat(forged.statusCode()).isEqualTo(400);
                check(problems, lang, "invalid link page", forged.body(), true);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePreferenceCentreChangesTheLanguage() {
        try (WebTestSupport w = new WebTestSupport(LanguagesTest.class)) {
            SubscribersRecord s = reader(w, "en");
            String token = w.token(s);
            assertThat(w.get("/prefs/" + token).body()).contains("<html lang=\"en\" dir=\"ltr\">");
            HttpResponse<String> saved = w.postForm(
                    "/prefs/" + token,
                    "csrf",
                    w.csrf.issue(token),
                    "timezone",
                    "Asia/Tokyo",
                    "hour",
                    "7",
                    "frequency",
                    "daily",
                    "format",
                    "html",
                    "locale",
                    "ja");
            assertThat(saved.statusCode()).isEqualTo(303);
            assertThat(w.subscribers.find(s.getId()).getLocale()).isEqualTo("ja");
            assertThat(w.get("/prefs/" + token).body())
                    .contains("<html lang=\"ja\" dir=\"ltr\">", "<option value=\"ja\" lang=\"ja\" selected>");
            HttpResponse<String> refused =
                    w.postForm("/prefs/" + token, "csrf", w.csrf.issue(token), "timezone", "UTC", "locale", "tlh");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains(w.app.catalogues().of("ja").format("form.invalid.locale"));
            assertThat(w.subscribers.find(s.getId()).getLocale()).isEqualTo("ja");
        }
    }

    /** lang and dir on the document (HTML), and no English sentence unless the language is English. */
    private static void check(List<String> problems, String lang, String what, String body, boolean html) {
        if (html) {
            Matcher tag =
                    Pattern.compile("<html lang=\"([^\"]+)\" dir=\"([a-z]+)\"").matcher(body);
            String dir = lang.equals("ar") ? "rtl" : "ltr";
            if (!tag.find() || !tag.group(1).equals(lang) || !tag.group(2).equals(dir)) {
                problems.add(lang + " " + what + ": no <html lang=\"" + lang + "\" dir=\"" + dir + "\">");
            }
        }
        List<String> english = EnglishSentences.in(body);
        if (lang.equals("en")) {
            if (english.isEmpty() && html) problems.add("en " + what + ": no English found, the check finds nothing");
        } else if (!english.isEmpty()) {
            problems.add(lang + " " + what + ": English left: " + english);
        }
    }

    private static HttpResponse<String> get(WebTestSupport w, String path, String acceptLanguage) {
        return w.send(HttpRequest.newBuilder(w.uri(path))
                .header("Accept-Language", acceptLanguage)
                .GET());
    }

    private static SubscribersRecord reader(WebTestSupport w, String lang) {
        long id = w.subscribers
                .add(
                        new SubscriberInput(
                                "reader-" + lang.toLowerCase() + "@example.org",
                                "Reader " + lang,
                                "UTC",
                                0, // due at whatever hour the test runs (the default, 8, is not due before 08:00 UTC)
                                "daily",
                                null,
                                "html",
                                lang,
                                List.of()),
                        SubscriberStatus.ACTIVE)
                .getId();
        return w.subscribers.find(id);
    }
}
