package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.web.WebTestSupport.escaped;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.MailLimits;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.support.Await;
import com.picksdigest.support.Inbox;
import com.picksdigest.support.Mails;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.tools.json.JSONParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-up with double opt-in over real HTTP, confirmation mails through GreenMail, the database checked after. */
class SignupTest {
    @RegisterExtension
    static GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static WebTestSupport w;
    private static Inbox inbox;

    @BeforeAll
    static void start() {
        // Behind a trusted proxy, so each test can be its own client for the per-client limit.
        w = WebTestSupport.mailing(SignupTest.class, smtp, new SignupConfig(true, true), "AI", "Security");
        inbox = new Inbox(smtp);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    /** A client address of its own (X-Forwarded-For), so limits counted for one test never touch another. */
    private static String client() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    private static HttpResponse<String> signUp(String client, String... pairs) {
        return w.send(HttpRequest.newBuilder(w.uri("/subscribe"))
                .header("X-Forwarded-For", client)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(WebTestSupport.form(pairs))));
    }

    private static HttpResponse<String> signUpJson(String client, String json) {
        return w.send(HttpRequest.newBuilder(w.uri("/subscribe"))
                .header("X-Forwarded-For", client)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static SubscribersRecord row(String email) {
        return w.db.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL_KEY.eq(email.toLowerCase()))
                .fetchOne();
    }

    private static List<String> events(long id) {
        return w.db.select(EVENTS.TYPE)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(id))
                .orderBy(EVENTS.ID)
                .fetch(EVENTS.TYPE);
    }

    /** Confirms from the newest confirmation mail to {@code email} (the n-th message there): GET, then POST. */
    private static HttpResponse<String> confirm(String email, int n) throws Exception {
        String path = Inbox.linkPath(inbox.await(email, n), "/confirm/");
        String token = path.substring("/confirm/".length());
        return w.postForm(path, "csrf", w.csrf.issue(token));
    }

    @Test
    void aNewAddressIsPendingUntilItsConfirmationLinkIsPosted() throws Exception {
        String email = "ana.new@example.com";
        HttpResponse<String> form = w.get("/subscribe");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .contains("script-src 'self'");
        assertThat(form.body())
                .contains(
                        "name=\"email\"",
                        "value=\"ai\"",
                        "value=\"security\"",
                        "data-guess=\"yes\"",
                        "<script src=\"/subscribe.js\"></script>");
        assertThat(w.get("/subscribe.js").body()).contains("Intl.DateTimeFormat");

        HttpResponse<String> r = signUp(
                client(),
                "email",
                email,
                "name",
                "Ana",
                "category",
                "ai",
                "frequency",
                "weekly",
                "weekday",
                "3",
                "hour",
                "7",
                "timezone",
                "Europe/Paris",
                "format",
                "text");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Check your inbox", escaped(email));
        MimeMessage mail = inbox.await(email, 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your subscription to " + WebTestSupport.SITE);
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        assertThat(Mails.header(mail, "Auto-Submitted")).isEqualTo("auto-generated");
        String path = Inbox.linkPath(mail, "/confirm/");
        // The name typed at sign-up stays out of mail to an address nobody has confirmed yet.
        assertThat(Mails.html(mail))
                .contains("https://picks.example.org" + path, "Hi,")
                .doesNotContain("Ana");
        SubscribersRecord pending = row(email);
        assertThat(pending.getStatus()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(List.of(
                        pending.getFrequency().stored(),
                        pending.getWeekday().toString(),
                        pending.getSendHour().toString(),
                        pending.getTimezone(),
                        pending.getFormat().stored()))
                .containsExactly("weekly", "3", "7", "Europe/Paris", "text");
        assertThat(w.subscribers.followedCategoryNames(pending.getId())).containsExactly("AI");

        HttpResponse<String> page = w.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Subscribe <bdi class=\"addr\">" + escaped(email), ">Confirm</button>");
        assertThat(w.postForm(path, "csrf", "forged").statusCode()).isEqualTo(403);
        assertThat(w.postForm(path).statusCode()).isEqualTo(403);
        assertThat(row(email).getStatus())
                .as("GET and CSRF-less POSTs change nothing")
                .isEqualTo(SubscriberStatus.PENDING);

        HttpResponse<String> done = confirm(email, 1);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are subscribed", "/prefs/" + w.token(row(email)));
        SubscribersRecord active = row(email);
        assertThat(active.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(active.getConfirmedAt()).isNotNull();
        assertThat(events(active.getId())).containsExactly("subscribed", "confirmed");
        assertThat(confirm(email, 1).statusCode())
                .as("a confirmation link works once")
                .isEqualTo(410);
        assertThat(w.get(path).body()).contains("This confirmation link has expired");
    }

    /**
     * The form's categories are read at most once a second: one added here shows at the next GET, one added by
     * another node (straight into the table) within a couple of seconds, and a retired one is gone at once.
     */
    @Test
    void categoryChangesShowOnTheFormAtOnceFromHereAndWithinSecondsFromAnotherNode() throws Exception {
        assertThat(w.get("/subscribe").body()).doesNotContain("Robotics");
        var robotics = w.categories.add("Robotics");
        assertThat(w.get("/subscribe").body()).contains("Robotics");
        w.db.insertInto(CATEGORIES, CATEGORIES.NAME, CATEGORIES.SLUG)
                .values("Quantum", "quantum")
                .execute();
        Await.until(
                Duration.ofSeconds(5),
                () -> w.get("/subscribe").body().contains("Quantum"),
                () -> "the form never showed a category another node added");
        w.categories.setRetired(robotics.getId(), true);
        assertThat(w.get("/subscribe").body()).doesNotContain("Robotics");
        for (String slug : List.of("robotics", "quantum")) {
            w.db.update(CATEGORIES)
                    .set(CATEGORIES.RETIRED, true)
                    .where(CATEGORIES.SLUG.eq(slug))
                    .execute();
        }
    }

    @Test
    void aSecondSignUpOfAnActiveAddressLooksExactlyLikeTheFirst() throws Exception {
        String email = "twice@example.com";
        String client = client();
        HttpResponse<String> first = signUp(client, "email", email, "timezone", "UTC");
        confirm(email, 1);
        String before = w.snapshot(row(email).getId());

        HttpResponse<String> second = signUp(client, "email", email, "timezone", "Asia/Tokyo", "format", "text");

        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(headersButDate(second)).isEqualTo(headersButDate(first));
        assertThat(inbox.await(email, 2).getSubject()).isEqualTo("Welcome to " + WebTestSupport.SITE);
        MimeMessage already = inbox.await(email, 3);
        assertThat(already.getSubject()).isEqualTo("You are already subscribed to " + WebTestSupport.SITE);
        assertThat(Mails.text(already)).contains("already subscribed");
        String prefs = Inbox.linkPath(already, "/prefs/");
        assertThat(w.get(prefs).statusCode()).isEqualTo(200);
        assertThat(w.snapshot(row(email).getId()))
                .as("a sign-up never changes an existing subscriber")
                .isEqualTo(before);
    }

    /**
     * The same timing class: the request path does the same work (validation, a limit check, a queue hand-off)
     * whatever the address; the lookup and the mail come after the answer. Medians of alternating requests.
     */
    @Test
    void newAndKnownAddressesAreAnsweredInTheSameTime() {
        List<Long> fresh = new ArrayList<>();
        List<Long> known = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String existing = "timing" + i + "@example.com";
            w.subscribers.add(
                    new SubscriberInput(existing, null, null, null, null, null, null, null, List.of()),
                    SubscriberStatus.ACTIVE);
            known.add(timed(existing));
            fresh.add(timed("fresh-timing" + i + "@example.com"));
        }
        long freshMedian = fresh.stream().sorted().toList().get(7);
        long knownMedian = known.stream().sorted().toList().get(7);
        System.out.printf(
                "sign-up answer, median of 15: new address %.1f ms, known address %.1f ms%n",
                freshMedian / 1e6, knownMedian / 1e6);
        // a lookup or a mail on the request path would take several times the whole answer; the ratio, not a
        // fixed allowance, so a slow or busy machine does not change the verdict
        assertThat(Math.max(freshMedian, knownMedian))
                .as("the slower median within 3 times the faster")
                .isLessThan(3 * Math.min(freshMedian, knownMedian));
    }

    private static long timed(String email) {
        long t0 = System.nanoTime();
        assertThat(signUp(client(), "email", email).statusCode()).isEqualTo(200);
        return System.nanoTime() - t0;
    }

    private static Map<String, List<String>> headersButDate(HttpResponse<String> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        return h;
    }

    @Test
    void badInputIs400WithAMessageAndCreatesNothing() throws Exception {
        int subscribers = w.db.fetchCount(SUBSCRIBERS);
        int events = w.db.fetchCount(EVENTS);
        int mails = inbox.total();
        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(new String[] {"email", "not-an-address"}, "is not a valid e-mail address");
        cases.put(
                new String[] {"email", "victim@example.com\r\nBcc: many@example.com"}, "is not a valid e-mail address");
        cases.put(new String[] {"email", "ok1@example.com", "name", "x".repeat(10 * 1024)}, "Name is longer than 200");
        cases.put(new String[] {"email", "ok2@example.com", "name", "Ana\r\nBcc: many@example.com"}, "single line");
        cases.put(new String[] {"email", "ok3@example.com", "category", "no-such-thing"}, "Unknown category");
        cases.put(new String[] {"email", "ok4@example.com", "hour", "25"}, "Send hour must be from 0 to 23");
        cases.put(new String[] {"email", "ok5@example.com", "timezone", "Mars/Olympus"}, "is not an IANA time zone");
        cases.put(new String[] {"email", ""}, "E-mail address is required");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = signUp(client(), c.getKey());
            assertThat(r.statusCode()).as(c.getValue()).isEqualTo(400);
            assertThat(r.body()).as(c.getValue()).contains(escaped(c.getValue()), "Nothing was saved.");
        }
        HttpResponse<String> json =
                signUpJson(client(), "{\"email\": \"ok6@example.com\", \"name\": \"" + "y".repeat(10 * 1024) + "\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(((Map<?, ?>) new JSONParser().parse(json.body())).get("error"))
                .asString()
                .contains("Name is longer");
        assertThat(signUpJson(client(), "{\"email\": ").statusCode()).isEqualTo(400);
        assertThat(signUpJson(client(), "[\"ok7@example.com\"]").statusCode()).isEqualTo(400);

        // The queue is worked in order: once a later, valid sign-up's mail is here, anything the refused ones
        // could have caused would be here too.
        signUp(client(), "email", "after-bad-input@example.com");
        inbox.await("after-bad-input@example.com", 1);
        assertThat(w.db.fetchCount(SUBSCRIBERS)).isEqualTo(subscribers + 1);
        assertThat(w.db.fetchCount(EVENTS)).isEqualTo(events + 1);
        assertThat(inbox.total()).isEqualTo(mails + 1);
    }

    @Test
    void jsonSignUpsWorkFromOtherSites() throws Exception {
        HttpResponse<String> preflight = w.send(HttpRequest.newBuilder(w.uri("/subscribe"))
                .header("Origin", "https://blog.example.net")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Content-Type");

        HttpResponse<String> r = signUpJson(
                client(),
                "{\"email\": \"embedded@example.com\", \"categories\": [\"security\"], "
                        + "\"frequency\": \"weekly\", \"weekday\": 5, \"hour\": 18, \"timezone\": \"America/New_York\"}");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(((Map<?, ?>) new JSONParser().parse(r.body())).get("status")).isEqualTo("check-inbox");
        inbox.await("embedded@example.com", 1);
        SubscribersRecord s = row("embedded@example.com");
        assertThat(s.getStatus()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(s.getWeekday()).isEqualTo((byte) 5);
        assertThat(s.getSendHour()).isEqualTo((byte) 18);
        assertThat(w.subscribers.followedCategoryNames(s.getId())).containsExactly("Security");
    }

    @Test
    void aSuppressedAddressIsAnsweredTheSameAndGetsNothing() throws Exception {
        new SubscriberData(w.db, Clock.systemUTC()).suppress("Erased.Person@example.com");
        String client = client();
        HttpResponse<String> suppressed = signUp(client, "email", "erased.person@example.com");
        HttpResponse<String> normal = signUp(client, "email", "someone.else@example.com");

        assertThat(suppressed.statusCode()).isEqualTo(normal.statusCode()).isEqualTo(200);
        assertThat(suppressed.body().replace("erased.person", "someone.else")).isEqualTo(normal.body());
        inbox.await("someone.else@example.com", 1);
        assertThat(inbox.to("erased.person@example.com")).isEmpty();
        assertThat(row("erased.person@example.com")).isNull();
    }

    @Test
    void subscriptionBombingIsLimitedPerClientAndPerAddress() throws Exception {
        String client = client();
        String victim = "victim@example.com";
        for (int i = 0; i < MailLimits.REQUESTS_PER_CLIENT_PER_HOUR; i++) {
            assertThat(signUp(client, "email", victim).statusCode())
                    .as("request " + (i + 1))
                    .isEqualTo(200);
        }
        HttpResponse<String> over = signUp(client, "email", victim);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.body()).contains("Too many sign-ups");
        assertThat(signUpJson(client, "{\"email\": \"other@example.com\"}").statusCode())
                .isEqualTo(429);
        assertThat(signUp(client(), "email", "bystander@example.com").statusCode())
                .as("another client is not affected")
                .isEqualTo(200);

        inbox.await("bystander@example.com", 1); // everything queued before it is done
        assertThat(inbox.to(victim))
                .as("the victim's inbox got the first few, then nothing")
                .hasSize(MailLimits.MAILS_PER_ADDRESS_PER_DAY);
    }

    @Test
    void addressesInOneIpv6Slash64ShareOneLimit() {
        String email = "one.network@example.com";
        for (int i = 1; i <= MailLimits.REQUESTS_PER_CLIENT_PER_HOUR; i++) {
            // Every address of 2001:db8:abcd:12::/64, spelled this way or that.
            String client = i % 2 == 0
                    ? "2001:db8:abcd:12::" + Integer.toHexString(i)
                    : "2001:0DB8:ABCD:0012:" + Integer.toHexString((i * 7919) & 0xffff) + ":0:0:"
                            + Integer.toHexString(i);
            assertThat(signUp(client, "email", email).statusCode())
                    .as("request " + i + " from " + client)
                    .isEqualTo(200);
        }
        assertThat(signUp("2001:db8:abcd:12:ffff:ffff:ffff:fffe", "email", email)
                        .statusCode())
                .as("yet another address of the same /64")
                .isEqualTo(429);
        assertThat(signUp("2001:db8:abcd:13::1", "email", email).statusCode())
                .as("the next /64 is another client")
                .isEqualTo(200);
    }

    @Test
    void confirmationMailsHoldNoTextTheRequesterChose() throws Exception {
        String name = "Claim your prize at evil.example";
        String email = "named.newcomer@example.com";
        assertThat(signUp(client(), "email", email, "name", name).statusCode()).isEqualTo(200);
        MimeMessage signUp = inbox.await(email, 1);
        assertThat(signUp.getSubject()).startsWith("Confirm your subscription");
        assertHoldsNoName(signUp, name);
        assertThat(row(email).getName())
                .as("the name is kept for after the confirmation")
                .isEqualTo(name);

        SubscribersRecord back = w.subscriber(name, List.of());
        w.subscribers.unsubscribe(back.getId(), null);
        signUp(client(), "email", back.getEmail(), "name", "Another name");
        MimeMessage comeback = inbox.await(back.getEmail(), 1);
        assertThat(comeback.getSubject()).startsWith("Confirm to resubscribe");
        assertHoldsNoName(comeback, name);
        assertHoldsNoName(comeback, "Another name");

        SubscribersRecord mover = w.subscriber(name, List.of());
        String token = w.token(mover);
        String newAddress = "moved.named." + mover.getId() + "@example.org";
        assertThat(w.postForm("/prefs/" + token + "/email", "csrf", w.csrf.issue(token), "email", newAddress)
                        .statusCode())
                .isEqualTo(303);
        MimeMessage moved = inbox.await(newAddress, 1);
        assertThat(moved.getSubject()).startsWith("Confirm your new address");
        assertHoldsNoName(moved, name);

        // Asking to move onto the pending sign-up's address tells that address it is taken, without its name.
        assertThat(w.postForm("/prefs/" + token + "/email", "csrf", w.csrf.issue(token), "email", email)
                        .statusCode())
                .isEqualTo(303);
        MimeMessage taken = inbox.await(email, 2);
        assertThat(taken.getSubject()).startsWith("You are already subscribed");
        assertHoldsNoName(taken, name);
    }

    /** Not in any header (raw or decoded), nor in either MIME part; the greeting is there without it. */
    static void assertHoldsNoName(MimeMessage m, String name) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String what = "mail to " + Mails.to(m);
        assertThat(raw.toString(StandardCharsets.ISO_8859_1)).as(what).doesNotContainIgnoringCase(name);
        for (Enumeration<Header> h = m.getAllHeaders(); h.hasMoreElements(); ) {
            Header header = h.nextElement();
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(header.getValue())))
                    .as(what + ", header " + header.getName())
                    .doesNotContainIgnoringCase(name);
        }
        assertThat(((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
                .as(what + ", To")
                .isNull();
        assertThat(Mails.text(m))
                .as(what + ", text part")
                .doesNotContainIgnoringCase(name)
                .contains("Hi,");
        assertThat(Mails.html(m))
                .as(what + ", HTML part")
                .doesNotContainIgnoringCase(name)
                .contains("Hi,");
    }

    @Test
    void comingBackAfterUnsubscribingNeedsAFreshConfirmation() throws Exception {
        SubscribersRecord s = w.subscriber("Returning", List.of());
        String token = w.token(s);
        w.db.update(SUBSCRIBERS)
                .set(SUBSCRIBERS.WATERMARK, java.time.LocalDateTime.of(2020, 1, 1, 0, 0))
                .where(SUBSCRIBERS.ID.eq(s.getId()))
                .execute();
        HttpResponse<String> unsubscribed = w.postForm("/u/" + token, "reason", "too much");
        assertThat(unsubscribed.body()).contains("action=\"/u/" + token + "/resubscribe\"", ">Resubscribe</button>");

        assertThat(w.postForm("/u/" + token + "/resubscribe").statusCode()).isEqualTo(403);
        HttpResponse<String> asked = w.postForm("/u/" + token + "/resubscribe", "csrf", w.csrf.issue(token));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your inbox");
        MimeMessage mail = inbox.await(s.getEmail(), 1);
        assertThat(mail.getSubject()).startsWith("Confirm to resubscribe");
        assertThat(row(s.getEmail()).getStatus())
                .as("not before the link is used")
                .isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        // The sign-up form leads to the same: a link, not a subscription.
        signUp(client(), "email", s.getEmail());
        inbox.await(s.getEmail(), 2);
        assertThat(row(s.getEmail()).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        assertThat(confirm(s.getEmail(), 1).statusCode()).isEqualTo(200);
        SubscribersRecord back = row(s.getEmail());
        assertThat(back.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(back.getUnsubscribedAt()).isNull();
        assertThat(back.getWatermark())
                .as("the first digest back holds recent picks, not years of them")
                .isNull();
        assertThat(events(s.getId())).containsExactly("subscribed", "unsubscribed", "resubscribed");
        assertThat(confirm(s.getEmail(), 2).statusCode())
                .as("the other link was used up with it")
                .isEqualTo(410);
    }

    @Test
    void withoutDoubleOptInANewAddressIsActiveAtOnceButAComebackIsNot() throws Exception {
        try (WebTestSupport open = WebTestSupport.mailing(SignupTest.class, smtp, new SignupConfig(false, false))) {
            HttpResponse<String> r =
                    open.postForm("/subscribe", "email", "straight.in@example.com", "name", "Typed by anyone");
            assertThat(r.statusCode()).isEqualTo(200);
            MimeMessage welcome = inbox.await("straight.in@example.com", 1);
            assertThat(welcome.getSubject()).isEqualTo("Welcome to " + WebTestSupport.SITE);
            assertHoldsNoName(welcome, "Typed by anyone");
            SubscribersRecord s = open.db
                    .selectFrom(SUBSCRIBERS)
                    .where(SUBSCRIBERS.EMAIL_KEY.eq("straight.in@example.com"))
                    .fetchOne();
            assertThat(s.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
            assertThat(open.get(Inbox.linkPath(welcome, "/prefs/")).statusCode())
                    .isEqualTo(200);

            open.subscribers.unsubscribe(s.getId(), null);
            open.postForm("/subscribe", "email", "straight.in@example.com");
            assertThat(inbox.await("straight.in@example.com", 2).getSubject()).startsWith("Confirm to resubscribe");
            assertThat(open.subscribers.find(s.getId()).getStatus()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        }
    }
}
