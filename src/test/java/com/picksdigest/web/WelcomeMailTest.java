package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.delivery.Sending;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.support.Await;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import com.picksdigest.support.Seed;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The welcome mail: once per confirmation, whatever the clicks, with links that work over real HTTP. */
class WelcomeMailTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static List<MimeMessage> welcomes(Inbox inbox, String email) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : inbox.to(email)) if (m.getSubject().startsWith("Welcome to ")) out.add(m);
        return out;
    }

    private static String confirmToken(Inbox inbox, String email) throws Exception {
        return Inbox.linkPath(inbox.await(email, 1), "/confirm/").substring("/confirm/".length());
    }

    @Test
    void aConfirmationPostedManyTimesAtOnceWelcomesOnceWithWorkingLinks() throws Exception {
        Inbox inbox = new Inbox(smtp);
        try (WebTestSupport w = WebTestSupport.mailing(WelcomeMailTest.class, smtp, new SignupConfig(true, false))) {
            // One edition goes out first, so the welcome has a latest edition to point to.
            Seed seed = new Seed(w.db, Clock.systemUTC());
            w.categories.add("News");
            seed.published("Yesterday's big story", "News", Instant.now().minus(Duration.ofHours(1)));
            seed.subscriber("early@example.org", "Early", "UTC", "html");
            Scheduling scheduling =
                    w.app.startScheduling("node-w", List.of(w.app.sending().dispatchTask()), false);
            w.app.sending().workers().start();
            scheduling.runNow(Sending.DISPATCH_TASK);
            inbox.await("early@example.org", 1);
            w.app.stopSending();

            String email = "newcomer@example.org";
            assertThat(w.postForm("/subscribe", "email", email, "name", "Nia <New>", "timezone", "UTC")
                            .statusCode())
                    .isEqualTo(200);
            String token = confirmToken(inbox, email);
            String path = "/confirm/" + token;
            String csrf = w.csrf.issue(token);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> posts = new ArrayList<>();
            Callable<Integer> post = () -> w.postForm(path, "csrf", csrf).statusCode();
            for (int i = 0; i < 4; i++) posts.add(pool.submit(post));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : posts) statuses.add(f.get());
            pool.shutdown();
            assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 410);
            assertThat(w.postForm(path, "csrf", csrf).statusCode())
                    .as("posted again later")
                    .isEqualTo(410);

            // The self-service queue is one thread in order: once this later mail is in, any second welcome would be.
            w.postForm("/subscribe", "email", email);
            MimeMessage already = inbox.await(email, 3);
            assertThat(already.getSubject()).startsWith("You are already subscribed");
            assertThat(welcomes(inbox, email)).hasSize(1);
            assertThat(inbox.to(email)).hasSize(3);

            MimeMessage welcome = welcomes(inbox, email).get(0);
            assertThat(welcome.getSubject()).isEqualTo("Welcome to " + WebTestSupport.SITE);
            assertThat(Mails.header(welcome, "From")).isEqualTo("Picks <digest@example.org>");
            InternetAddress to = (InternetAddress) welcome.getRecipients(MimeMessage.RecipientType.TO)[0];
            assertThat(to.getAddress()).isEqualTo(email);
            assertThat(to.getPersonal())
                    .as("a confirmed address is greeted by its name")
                    .isEqualTo("Nia <New>");
            assertThat(Mails.header(welcome, "Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(welcome.isMimeType("multipart/alternative")).isTrue();
            Multipart parts = (Multipart) welcome.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
            assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
            String text = Mails.text(welcome);
            String html = Mails.html(welcome);
            assertThat(text).contains("Hi Nia <New>,", "Welcome to " + WebTestSupport.SITE);
            assertThat(html).contains("Hi Nia &lt;New&gt;,").doesNotContain("<New>");

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String prefs = Inbox.linkPath(welcome, "/prefs/");
            String unsubscribe = Inbox.linkPath(welcome, "/u/");
            String latest = Inbox.linkPath(welcome, "/archive/");
            assertThat(latest).isEqualTo("/archive/" + today);
            for (String link : List.of(prefs, unsubscribe, latest)) {
                assertThat(html).as(link).contains("https://picks.example.org" + link);
            }
            HttpResponse<String> prefsPage = w.get(prefs);
            assertThat(prefsPage.statusCode()).isEqualTo(200);
            assertThat(prefsPage.body()).contains(email);
            HttpResponse<String> unsubscribePage = w.get(unsubscribe);
            assertThat(unsubscribePage.statusCode()).isEqualTo(200);
            assertThat(unsubscribePage.body()).contains(email);
            HttpResponse<String> edition = w.get(latest);
            assertThat(edition.statusCode()).isEqualTo(200);
            assertThat(edition.body()).contains("Yesterday&#39;s big story");
            assertThat(w.postForm(unsubscribe).statusCode()).isEqualTo(200);
            Await.until(
                    Duration.ofSeconds(10),
                    () -> w.subscribers.findByEmail(email).getStatus() == SubscriberStatus.UNSUBSCRIBED,
                    () -> "still " + w.subscribers.findByEmail(email).getStatus());
        }
    }

    @Test
    void welcomeCanBeTurnedOff() throws Exception {
        Inbox inbox = new Inbox(smtp);
        try (WebTestSupport w =
                WebTestSupport.mailing(WelcomeMailTest.class, smtp, new SignupConfig(true, false, false))) {
            String email = "quiet@example.org";
            w.postForm("/subscribe", "email", email);
            String token = confirmToken(inbox, email);
            assertThat(w.postForm("/confirm/" + token, "csrf", w.csrf.issue(token))
                            .statusCode())
                    .isEqualTo(200);
            w.postForm("/subscribe", "email", email);
            assertThat(inbox.await(email, 2).getSubject()).startsWith("You are already subscribed");
            assertThat(welcomes(inbox, email)).isEmpty();
        }
    }
}
