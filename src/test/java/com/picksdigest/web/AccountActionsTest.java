package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.web.WebTestSupport.escaped;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.delivery.DueDeliveries;
import com.picksdigest.support.Inbox;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preference centre's smaller forms (pause, new address, sign out all links) over real HTTP and SMTP. */
class AccountActionsTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static WebTestSupport w;
    private static Inbox inbox;

    @BeforeAll
    static void start() {
        w = WebTestSupport.mailing(AccountActionsTest.class, smtp, new SignupConfig(true, false));
        inbox = new Inbox(smtp);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static HttpResponse<String> post(SubscribersRecord s, String action, String... pairs) {
        String token = w.token(s);
        List<String> form = new ArrayList<>(List.of("csrf", w.csrf.issue(token)));
        form.addAll(List.of(pairs));
        return w.postForm("/prefs/" + token + "/" + action, form.toArray(String[]::new));
    }

    private static List<String> events(long id) {
        return w.db.select(EVENTS.TYPE)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(id))
                .orderBy(EVENTS.ID)
                .fetch(EVENTS.TYPE);
    }

    private static int due(SubscribersRecord s) {
        return new DueDeliveries(w.db)
                .enqueue(Instant.now(), DueDeliveries.Mode.ANY_HOUR, Optional.of(s.getEmailKey()));
    }

    @Test
    void aPauseStopsDigestsForTheWeeksChosenAndResumingBringsThemBack() {
        SubscribersRecord s = w.subscriber("Traveller", List.of());

        HttpResponse<String> r = post(s, "pause", "weeks", "2");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/prefs/" + w.token(s) + "?done=paused");
        LocalDate until = LocalDate.now(ZoneId.of("Europe/Paris")).plusWeeks(2);
        assertThat(w.subscribers.find(s.getId()).getPausedUntil()).isEqualTo(until);
        assertThat(w.get("/prefs/" + w.token(s) + "?done=paused").body())
                .contains(
                        "Paused.",
                        "Digests are paused until " + ArchivePage.LONG_DATE.format(until),
                        ">Resume now</button>");
        assertThat(due(s)).as("a paused subscriber is not due").isZero();

        assertThat(post(s, "pause", "weeks", "0").headers().firstValue("Location"))
                .get()
                .asString()
                .endsWith("?done=resumed");
        assertThat(w.subscribers.find(s.getId()).getPausedUntil()).isNull();
        assertThat(due(s)).isEqualTo(1);
        assertThat(events(s.getId())).containsExactly("subscribed", "paused", "resumed");
        var detail = w.db.select(EVENTS.DETAIL)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(s.getId()))
                .and(EVENTS.TYPE.eq("paused"))
                .fetchOne(EVENTS.DETAIL);
        assertThat(detail).isEqualTo("until " + until);
    }

    @Test
    void badPausesAndMissingCsrfFieldsChangeNothing() {
        SubscribersRecord s = w.subscriber("Careful", List.of());
        String token = w.token(s);
        String before = w.snapshot(s.getId());
        for (String weeks : new String[] {"53", "-1", "two", ""}) {
            HttpResponse<String> r = post(s, "pause", "weeks", weeks);
            assertThat(r.statusCode()).as(weeks).isEqualTo(400);
            assertThat(r.body()).contains("Nothing was saved.", "Your preferences");
        }
        for (String action : new String[] {"pause", "email", "rotate", "erase"}) {
            assertThat(w.postForm("/prefs/" + token + "/" + action, "weeks", "2", "email", "new@example.com")
                            .statusCode())
                    .as(action)
                    .isEqualTo(403);
            assertThat(w.postForm("/prefs/" + token + "/" + action, "csrf", w.csrf.issue(token + "x"), "weeks", "2")
                            .statusCode())
                    .as(action + " with another link's CSRF value")
                    .isEqualTo(403);
        }
        assertThat(w.postForm("/u/" + token + "/resubscribe").statusCode()).isEqualTo(403);
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
    }

    @Test
    void signingOutAllLinksMakesEveryOldLinkGoneAndMailsNewOnesToTheSubscriberOnly() throws Exception {
        SubscribersRecord s = w.subscriber("Forwarder", List.of());
        String old = w.token(s);

        HttpResponse<String> r = post(s, "rotate");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("All your links are signed out", escaped(s.getEmail()))
                .as("the new link is never shown to whoever pressed the button")
                .doesNotContain("/prefs/");
        for (String path : new String[] {"/prefs/" + old, "/u/" + old, "/prefs/" + old + "/export"}) {
            HttpResponse<String> gone = w.get(path);
            assertThat(gone.statusCode()).as(path).isEqualTo(410);
            assertThat(gone.body()).contains("This link has expired", "signed out");
        }
        assertThat(post(s, "rotate").statusCode())
                .as("the old link cannot rotate again")
                .isEqualTo(410);
        MimeMessage mail = inbox.await(s.getEmail(), 1);
        assertThat(mail.getSubject()).isEqualTo("Your new links for " + WebTestSupport.SITE);
        String fresh = Inbox.linkPath(mail, "/prefs/");
        assertThat(fresh).isEqualTo("/prefs/" + w.tokens.issue(s.getId(), s.getTokenVersion() + 1));
        assertThat(w.get(fresh).statusCode()).isEqualTo(200);
        assertThat(events(s.getId())).containsExactly("subscribed", "links_rotated");
    }

    @Test
    void aNewAddressTakesEffectOnlyWhenConfirmedFromTheNewMailbox() throws Exception {
        SubscribersRecord s = w.subscriber("Mover", List.of());
        String old = w.token(s);
        String newAddress = "moved." + s.getId() + "@example.org";

        HttpResponse<String> r = post(s, "email", "email", newAddress);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/prefs/" + old + "?done=email");
        assertThat(w.get("/prefs/" + old + "?done=email").body()).contains("we sent a link to the new address");
        MimeMessage mail = inbox.await(newAddress, 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your new address for " + WebTestSupport.SITE);
        assertThat(w.subscribers.find(s.getId()).getEmail())
                .as("nothing changes before the link is used")
                .isEqualTo(s.getEmail());
        String path = Inbox.linkPath(mail, "/confirm/");
        assertThat(w.get(path).body()).contains("Use <bdi class=\"addr\">" + escaped(newAddress));

        String token = path.substring("/confirm/".length());
        HttpResponse<String> done = w.postForm(path, "csrf", w.csrf.issue(token));

        assertThat(done.statusCode()).isEqualTo(200);
        SubscribersRecord moved = w.subscribers.find(s.getId());
        assertThat(moved.getEmail()).isEqualTo(newAddress);
        assertThat(moved.getEmailKey()).isEqualTo(newAddress.toLowerCase());
        assertThat(moved.getTokenVersion()).isEqualTo(s.getTokenVersion() + 1);
        assertThat(done.body()).contains("Your address is now", "/prefs/" + w.token(moved));
        assertThat(w.get("/prefs/" + old).statusCode())
                .as("links sent to the old address stop working")
                .isEqualTo(410);
        assertThat(events(s.getId())).containsExactly("subscribed", "email_changed");
        assertThat(w.postForm(path, "csrf", w.csrf.issue(token)).statusCode()).isEqualTo(410);
    }

    @Test
    void aBadNewAddressIs400AndAnAddressInUseOnlyHearsFromUsItself() throws Exception {
        SubscribersRecord s = w.subscriber("Stayer", List.of());
        SubscribersRecord taken = w.subscriber("Owner", List.of());
        String before = w.snapshot(s.getId());
        Map<String, String> cases = Map.of(
                "not an address",
                "is not a valid e-mail address",
                "x@example.org\r\nBcc: y@example.org",
                "is not a valid e-mail address",
                s.getEmail().toUpperCase(),
                "That is already the address of this subscription.");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = post(s, "email", "email", c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(r.body()).contains(escaped(c.getValue()), "Nothing was saved.");
        }

        HttpResponse<String> r = post(s, "email", "email", taken.getEmail());

        assertThat(r.statusCode()).as("the same answer as for a free address").isEqualTo(303);
        MimeMessage mail = inbox.await(taken.getEmail(), 1);
        assertThat(mail.getSubject()).startsWith("You are already subscribed");
        assertThat(w.snapshot(s.getId())).isEqualTo(before);
        assertThat(w.db.fetchCount(SUBSCRIBERS, SUBSCRIBERS.EMAIL_KEY.eq(taken.getEmailKey())))
                .isEqualTo(1);
    }
}
