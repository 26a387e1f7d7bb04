package com.picksdigest.providers;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.App;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import com.picksdigest.web.WebServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Digests sent through the real pipeline to GreenMail, then what each provider's webhook would post about them, over
 * HTTP to the real web server on MariaDB: samples in the providers' documented formats, rewritten around the digests
 * as received, signed with keys made here. Every refused request is aimed at a bystander who must stay untouched.
 */
class ProviderHooksTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
                    ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}))
            .withPerMethodLifecycle(false);

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:picks-bounces";
    static final String POSTMARK_USER = "postmark";
    static final String POSTMARK_PASSWORD = "postmark-hook-password-0123";
    static final String MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    static final String GENERIC_KEY = "generic-bearer-key-0123456789abcdef";
    static final String BYSTANDER = "bystander@example.com";
    static final List<String> READERS = List.of(
            BYSTANDER,
            "gen-hard@example.com",
            "gen-soft@example.com",
            "pm-hard@example.com",
            "pm-spam@example.com",
            "sg-hard@example.com",
            "sg-spam@example.com",
            "sg-blocked@example.com",
            "mg-hard@example.com",
            "mg-soft@example.com",
            "ses-hard@example.com",
            "ses-soft@example.com",
            "ses-complaint@example.com");
    static final ObjectMapper JSON = new ObjectMapper();

    static TestDatabase db;
    static MutableClock clock;
    static FakeSns sns;
    static MailerHarness h;
    static WebServer web;
    static final KeyPair sendgrid = TestKeys.p256();
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A digest as its reader received it. */
    record Sent(long subscriberId, long deliveryId, String messageId, String returnPath) {}

    static final Map<String, Sent> sent = new HashMap<>();

    @BeforeAll
    static void sendDigests() throws Exception {
        db = TestDatabase.migrated(ProviderHooksTest.class);
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sns = new FakeSns(clock.instant());
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("Tech");
        seed.published("A pick worth reading", "Tech", clock.instant().minus(Duration.ofHours(1)));
        for (String r : READERS) seed.subscriber(r, null, "UTC", "html");
        Map<String, String> settings = new HashMap<>();
        settings.put("PICKS_BOUNCE_ADDRESS", "bounces@picks.example.org");
        settings.put("PICKS_HOOKS_SES_TOPIC_ARN", TOPIC);
        settings.put("PICKS_HOOKS_POSTMARK_USER", POSTMARK_USER);
        settings.put("PICKS_HOOKS_POSTMARK_PASSWORD", POSTMARK_PASSWORD);
        settings.put(
                "PICKS_HOOKS_SENDGRID_PUBLIC_KEY",
                Base64.getEncoder().encodeToString(sendgrid.getPublic().getEncoded()));
        settings.put("PICKS_HOOKS_MAILGUN_SIGNING_KEY", MAILGUN_KEY);
        settings.put("PICKS_HOOKS_GENERIC_KEY", GENERIC_KEY);
        h = new MailerHarness(
                db, mail.getSmtp().getPort(), clock, settings, App.Seams.DEFAULT.withProviderHttp(sns.client()));
        assertThat(h.sendNow().sent.sum()).isEqualTo(READERS.size());
        for (MimeMessage m : mail.getReceivedMessages()) {
            String to = Mails.to(m);
            SubscribersRecord s = subscriber(to);
            long delivery = db.database()
                    .dsl()
                    .select(DELIVERIES.ID)
                    .from(DELIVERIES)
                    .where(DELIVERIES.SUBSCRIBER_ID.eq(s.getId()))
                    .fetchSingle(DELIVERIES.ID);
            String returnPath = Mails.header(m, "Return-Path").replaceAll("[<>\\s]", "");
            sent.put(
                    to,
                    new Sent(s.getId(), delivery, Mails.header(m, "Message-ID").strip(), returnPath));
        }
        assertThat(sent).hasSize(READERS.size());
        assertThat(sent.get(BYSTANDER).returnPath()).matches("bounces\\+[0-9]+\\.[0-9a-f]{16}@picks\\.example\\.org");
        // a CRM listening for bounces and complaints (nothing sends to it here: only serve starts the relay)
        db.database()
                .dsl()
                .insertInto(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.URL, "https://crm.example.org/picks")
                .set(WEBHOOK_ENDPOINTS.EVENT_TYPES, "subscriber.bounced,subscriber.complained")
                .set(WEBHOOK_ENDPOINTS.SECRET, "whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                .set(WEBHOOK_ENDPOINTS.CREATED_BY, "test")
                .execute();
        web = h.app.webServer().start("127.0.0.1", 0);
    }

    @AfterAll
    static void tearDown() {
        if (h != null) h.close();
        if (sns != null) sns.close();
        db.close();
    }

    // ---- generic ---------------------------------------------------------------------------------------------------

    @Test
    void genericEndpointActsWithItsKeyOnDeliveriesWeSentAndOnlyOnce() throws Exception {
        Sent hard = sent.get("gen-hard@example.com");
        String bounce = """
                {"type": "hard_bounce", "email": "gen-hard@example.com", "message_id": "%s",
                 "status": "5.1.1", "detail": "550 5.1.1 user unknown"}""".formatted(hard.messageId());

        assertThat(post("generic", bounce, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("generic", bounce, Map.of("Authorization", "Bearer " + GENERIC_KEY + "x"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(events("gen-hard@example.com")).containsExactly("subscribed");

        HttpResponse<String> first = post("generic", bounce, generic());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(result(first, 0).get("done").asBoolean()).isTrue();
        assertThat(result(first, 0).get("summary").asText()).endsWith("is now bounced");
        HttpResponse<String> again = post("generic", bounce, generic());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(result(again, 0).get("summary").asText()).endsWith("unchanged");
        assertThat(events("gen-hard@example.com")).containsExactly("subscribed", "bounced@" + hard.deliveryId());
        assertThat(status("gen-hard@example.com")).isEqualTo("bounced");
        assertThat(outgoing("gen-hard@example.com")).containsExactly("subscriber.bounced");

        // by the signed return path: a soft bounce counts once per delivery
        Sent soft = sent.get("gen-soft@example.com");
        String softBounce = """
                [{"type": "soft_bounce", "email": "gen-soft@example.com", "return_path": "%s",
                  "detail": "452 4.2.2 mailbox full"}]""".formatted(soft.returnPath());
        assertThat(post("generic", softBounce, generic()).statusCode()).isEqualTo(200);
        assertThat(post("generic", softBounce, generic()).statusCode()).isEqualTo(200);
        assertThat(events("gen-soft@example.com")).containsExactly("subscribed", "soft_bounce@" + soft.deliveryId());
        assertThat(subscriber("gen-soft@example.com").getSoftBounces()).isEqualTo(1);

        // never sent, someone else's digest, a forged return path: refused, answered 200 so no provider retries
        String mac = soft.returnPath().replaceAll(".*\\.([0-9a-f]{16})@.*", "$1");
        List<String> refused = List.of(
                """
                {"type": "hard_bounce", "email": "%s", "message_id": "<feedface.1@picks.example.org>"}""".formatted(BYSTANDER),
                """
                {"type": "hard_bounce", "email": "%s", "message_id": "%s"}""".formatted(BYSTANDER, sent.get("gen-soft@example.com").messageId()),
                """
                {"type": "complaint", "email": "%s", "return_path": "%s"}""".formatted(
                        BYSTANDER, sent.get(BYSTANDER).returnPath().replaceAll("\\.[0-9a-f]{16}@", "." + mac + "@")));
        for (String body : refused) {
            HttpResponse<String> r = post("generic", body, generic());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(result(r, 0).get("done").asBoolean()).isFalse();
            assertThat(result(r, 0).get("summary").asText()).startsWith("not believed");
        }
        assertThat(post("generic", "{\"type\": \"bounce\"", generic()).statusCode())
                .isEqualTo(400);
        HttpResponse<String> noType =
                post("generic", "{\"email\": \"" + BYSTANDER + "\", \"message_id\": \"<a@b>\"}", generic());
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noType.body()).get("error").asText()).contains("\"type\"");
        assertUntouched(BYSTANDER);
    }

    // ---- Postmark --------------------------------------------------------------------------------------------------

    @Test
    void postmarkBounceAndSpamComplaintWithTheUrlsCredentials() throws Exception {
        Sent hard = sent.get("pm-hard@example.com");
        String bounce = postmarkBounce("pm-hard@example.com", hard.messageId(), "HardBounce", 1);

        HttpResponse<String> wrong = post("postmark", bounce, basic(POSTMARK_USER, POSTMARK_PASSWORD + "!"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(post("postmark", bounce, Map.of()).statusCode()).isEqualTo(401);
        assertThat(events("pm-hard@example.com")).containsExactly("subscribed");

        assertThat(post("postmark", bounce, postmark()).statusCode()).isEqualTo(200);
        assertThat(post("postmark", bounce, postmark()).statusCode()).isEqualTo(200);
        assertThat(events("pm-hard@example.com")).containsExactly("subscribed", "bounced@" + hard.deliveryId());

        Sent spam = sent.get("pm-spam@example.com");
        String complaint = """
                {"RecordType": "SpamComplaint", "MessageStream": "outbound", "ID": 42, "Type": "SpamComplaint",
                 "TypeCode": 100001, "Name": "Spam complaint", "Tag": "digest",
                 "MessageID": "00000000-0000-0000-0000-000000000000", "Metadata": {}, "ServerID": 1234,
                 "Description": "The subscriber explicitly marked this message as spam.",
                 "Details": "Test spam complaint details", "Email": "pm-spam@example.com",
                 "From": "digest@picks.example.org", "BouncedAt": "2026-12-04T16:00:00Z", "DumpAvailable": true,
                 "Inactive": true, "CanActivate": false, "Subject": "Your picks",
                 "Content": %s}""".formatted(JSON.writeValueAsString(arfDump("pm-spam@example.com", spam.messageId())));
        assertThat(post("postmark", complaint, postmark()).statusCode()).isEqualTo(200);
        assertThat(events("pm-spam@example.com")).containsExactly("subscribed", "complained@" + spam.deliveryId());

        // a message we never sent: believed to be from Postmark, refused all the same
        HttpResponse<String> unknown = post(
                "postmark",
                postmarkBounce(BYSTANDER, "<0123456789abcdef.1700000000000@picks.example.org>", "HardBounce", 1),
                postmark());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(result(unknown, 0).get("done").asBoolean()).isFalse();
        assertUntouched(BYSTANDER);
    }

    // ---- SendGrid --------------------------------------------------------------------------------------------------

    @Test
    void sendgridSignedEventBatchMovesItsReadersAndABadSignatureNothing() throws Exception {
        Sent hard = sent.get("sg-hard@example.com");
        Sent spam = sent.get("sg-spam@example.com");
        Sent blocked = sent.get("sg-blocked@example.com");
        long t = clock.instant().getEpochSecond();
        StringBuilder batch = new StringBuilder("[");
        // SendGrid posts batches of up to hundreds of events: more than the pages' 64 KB form limit
        for (int i = 0; i < 300; i++) {
            batch.append("""
                    {"email": "%s", "timestamp": %d, "smtp-id": "%s", "event": "delivered", "category": ["digest"],
                     "sg_event_id": "ZGVsaXZlcmVkLTAtMjQ5OTY1OTEtX3pGNnVjMkFTZE9kUkxzQ0c3aWRyUS0w%d",
                     "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.%d",
                     "response": "250 OK", "attempt": "1", "tls": 1, "ip": "192.0.2.1"},
                    """.formatted(BYSTANDER, t, sent.get(BYSTANDER).messageId(), i, i));
        }
        batch.append("""
                {"email": "sg-hard@example.com", "timestamp": %d, "smtp-id": "%s", "event": "bounce",
                 "category": ["digest"], "sg_event_id": "Ym91bmNlLTAtMjQ5OTY1OTEtX3pGNnVjMkFTZE9kUkxzQ0c3aWRyUS0w",
                 "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
                 "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
                 "status": "5.1.1", "type": "bounce", "bounce_classification": "Invalid Address"},
                {"email": "sg-blocked@example.com", "timestamp": %d, "smtp-id": "%s", "event": "bounce",
                 "sg_event_id": "YmxvY2tlZC0wLTI0OTk2NTkxLV96RjZ1YzJBU2RPZFJMc0NHN2lkclEtMA",
                 "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.1",
                 "reason": "421 4.7.0 Try again later", "status": "4.7.0", "type": "blocked",
                 "bounce_classification": "Reputation"},
                {"email": "sg-spam@example.com", "timestamp": %d, "smtp-id": "%s", "event": "spamreport",
                 "sg_event_id": "c3BhbXJlcG9ydC0wLTI0OTk2NTkxLV96RjZ1YzJBU2RPZFJMc0NHN2lkclEtMA",
                 "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.2"}]""".formatted(t, hard.messageId(), t, blocked.messageId(), t, spam.messageId()));
        String body = batch.toString();
        assertThat(body.length()).isGreaterThan(64 * 1024);
        String timestamp = String.valueOf(t);

        KeyPair other = TestKeys.p256();
        assertThat(post("sendgrid", body, sendgridHeaders(other, timestamp, body))
                        .statusCode())
                .isEqualTo(401);
        Map<String, String> good = sendgridHeaders(sendgrid, timestamp, body);
        assertThat(post("sendgrid", body.replace("sg-hard@", "sg-hard+x@"), good)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("sendgrid", body, Map.of(SendGridHook.TIMESTAMP, timestamp))
                        .statusCode())
                .isEqualTo(401);
        // signed with the right key, but eleven minutes ago: a captured request replayed
        String stale = String.valueOf(t - SendGridHook.WINDOW.toSeconds() - 60);
        HttpResponse<String> replayed = post("sendgrid", body, sendgridHeaders(sendgrid, stale, body));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(replayed.body()).get("error").asText()).contains("a replay or a wrong clock");
        assertThat(events("sg-hard@example.com")).containsExactly("subscribed");

        HttpResponse<String> r = post("sendgrid", body, good);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("results")).hasSize(303);
        assertThat(post("sendgrid", body, good).statusCode()).isEqualTo(200);
        assertThat(events("sg-hard@example.com")).containsExactly("subscribed", "bounced@" + hard.deliveryId());
        assertThat(events("sg-blocked@example.com"))
                .containsExactly("subscribed", "soft_bounce@" + blocked.deliveryId());
        assertThat(events("sg-spam@example.com")).containsExactly("subscribed", "complained@" + spam.deliveryId());
        assertUntouched(BYSTANDER);
    }

    // ---- Mailgun ---------------------------------------------------------------------------------------------------

    @Test
    void mailgunSignedEventsWithinTheWindowOnceEach() throws Exception {
        Sent hard = sent.get("mg-hard@example.com");
        String failed = mailgunFailed("mg-hard@example.com", hard, "permanent", 550, "5.1.1", true);
        long now = clock.instant().getEpochSecond();

        assertThat(post("mailgun", mailgun(failed, now, token(), MAILGUN_KEY + "x"), Map.of())
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> stale = post("mailgun", mailgun(failed, now - 6 * 60, token(), MAILGUN_KEY), Map.of());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(stale.body()).get("error").asText()).contains("timestamp");
        assertThat(events("mg-hard@example.com")).containsExactly("subscribed");

        String signed = mailgun(failed, now, token(), MAILGUN_KEY);
        assertThat(post("mailgun", signed, Map.of()).statusCode()).isEqualTo(200);
        assertThat(events("mg-hard@example.com")).containsExactly("subscribed", "bounced@" + hard.deliveryId());

        // the same signed request again, and the same token with its timestamp re-signed: replays
        String replayedToken =
                JSON.readTree(signed).get("signature").get("token").asText();
        assertThat(post("mailgun", signed, Map.of()).statusCode()).isEqualTo(409);
        String bystanderFailed = mailgunFailed(BYSTANDER, sent.get(BYSTANDER), "permanent", 550, "5.1.1", true);
        assertThat(post("mailgun", mailgun(bystanderFailed, now, replayedToken, MAILGUN_KEY), Map.of())
                        .statusCode())
                .isEqualTo(409);
        // a request whose signature is not ours leaves no token behind
        String burnt = token();
        assertThat(post("mailgun", mailgun(bystanderFailed, now, burnt, "x" + MAILGUN_KEY), Map.of())
                        .statusCode())
                .isEqualTo(401);

        // by the envelope sender alone (our signed return path): a temporary failure, counted once per delivery
        Sent soft = sent.get("mg-soft@example.com");
        String temporary = mailgunFailed("mg-soft@example.com", soft, "temporary", 452, "4.2.2", false);
        assertThat(post("mailgun", mailgun(temporary, now, burnt, MAILGUN_KEY), Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("mailgun", mailgun(temporary, now + 60, token(), MAILGUN_KEY), Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(events("mg-soft@example.com")).containsExactly("subscribed", "soft_bounce@" + soft.deliveryId());
        assertUntouched(BYSTANDER);
    }

    // ---- SES through SNS -------------------------------------------------------------------------------------------

    @Test
    void sesNotificationsThroughSnsSignedBothWays() throws Exception {
        Sent hard = sent.get("ses-hard@example.com");
        Sent soft = sent.get("ses-soft@example.com");
        Sent complaint = sent.get("ses-complaint@example.com");
        int before = sns.requestLines().size();

        String confirmation = sns.signed(confirmationFields(TOPIC, "https://" + FakeSns.HOST), 1, FakeSns.CERT_URL);
        assertThat(post("ses", confirmation, snsHeaders("SubscriptionConfirmation"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(sns.requestLines().subList(before, sns.requestLines().size()))
                .anyMatch(l -> l.startsWith("GET /?Action=ConfirmSubscription&TopicArn=" + TOPIC));

        HttpResponse<String> r = post(
                "ses", notification(sesBounce(hard, "Permanent", "General", "5.1.1"), 2), snsHeaders("Notification"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(post(
                                "ses",
                                notification(sesBounce(hard, "Permanent", "General", "5.1.1"), 1),
                                snsHeaders("Notification"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(
                                "ses",
                                notification(sesBounce(soft, "Transient", "MailboxFull", "4.2.2"), 1),
                                snsHeaders("Notification"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("ses", notification(sesComplaint(complaint), 2), snsHeaders("Notification"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(events("ses-hard@example.com")).containsExactly("subscribed", "bounced@" + hard.deliveryId());
        assertThat(events("ses-soft@example.com")).containsExactly("subscribed", "soft_bounce@" + soft.deliveryId());
        assertThat(events("ses-complaint@example.com"))
                .containsExactly("subscribed", "complained@" + complaint.deliveryId());
        assertThat(outgoing("ses-complaint@example.com")).containsExactly("subscriber.complained");
        // a test message published from the SNS console: SNS's, but nothing SES reported
        HttpResponse<String> console =
                post("ses", notification("Hello from the SNS console", 2), snsHeaders("Notification"));
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(result(console, 0).get("summary").asText()).startsWith("nothing to do");
        // one fetch of the signing certificate for all of them
        assertThat(sns.requestLines())
                .filteredOn(l -> l.contains(FakeSns.CERT_PATH))
                .hasSize(1);
    }

    @Test
    void snsMessagesThatAreNotOursChangeNothingAndFetchNothingElsewhere() throws Exception {
        Sent bystander = sent.get(BYSTANDER);
        String bounce = sesBounce(bystander, "Permanent", "General", "5.1.1");
        int requests = sns.requestLines().size();
        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put(
                sns.signed(
                        notificationFields(bounce, TOPIC),
                        2,
                        "https://evil.example.com/SimpleNotificationService-x.pem"),
                403);
        refused.put(
                sns.signed(
                        notificationFields(bounce, TOPIC), 2, "https://sns.us-east-1.amazonaws.com.evil.example/x.pem"),
                403);
        refused.put(
                sns.signed(
                        notificationFields(bounce, TOPIC), 2, "http://sns.us-east-1.amazonaws.com" + FakeSns.CERT_PATH),
                403);
        refused.put(
                sns.signed(
                        notificationFields(bounce, TOPIC),
                        2,
                        "https://sns.us-east-1.amazonaws.com:8443" + FakeSns.CERT_PATH),
                403);
        refused.put(sns.signed(notificationFields(bounce, TOPIC), 2, FakeSns.CERT_URL, TestKeys.rsa()), 401);
        refused.put(
                sns.signed(
                        notificationFields(bounce, "arn:aws:sns:us-east-1:999999999999:someone-elses"),
                        2,
                        FakeSns.CERT_URL),
                403);
        refused.put(sns.signed(confirmationFields(TOPIC, "https://evil.example.com"), 1, FakeSns.CERT_URL), 403);
        // signed by SNS, but published more than the window ago: a captured message replayed
        Map<String, String> old = notificationFields(bounce, TOPIC);
        old.put(
                "Timestamp",
                clock.instant().minus(SesHook.WINDOW).minusSeconds(60).toString());
        refused.put(sns.signed(old, 2, FakeSns.CERT_URL), 401);
        String tampered = sns.signed(notificationFields(bounce, TOPIC), 1, FakeSns.CERT_URL);
        refused.put(tampered.replace("Permanent", "Transient"), 401);
        for (Map.Entry<String, Integer> e : refused.entrySet()) {
            HttpResponse<String> r = post("ses", e.getKey(), snsHeaders("Notification"));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(sns.resolver.lookups).allMatch(FakeSns.HOST::equals);
        assertThat(sns.requestLines().subList(requests, sns.requestLines().size()))
                .allMatch(l -> l.contains(FakeSns.CERT_PATH));

        // signed, our topic, but about a message we never sent
        Sent never = new Sent(bystander.subscriberId(), 0, "<0badc0de.1700000000000@picks.example.org>", "");
        HttpResponse<String> r = post(
                "ses", notification(sesBounce(never, "Permanent", "General", "5.1.1"), 2), snsHeaders("Notification"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(result(r, 0).get("done").asBoolean()).isFalse();
        assertUntouched(BYSTANDER);
    }

    @Test
    void aProviderThatIsNotConfiguredIsNotThere() throws Exception {
        try (MailerHarness bare = new MailerHarness(db, mail.getSmtp().getPort(), clock, Map.of())) {
            WebServer server = bare.app.webServer().start("127.0.0.1", 0);
            for (String name : BounceHookRoutes.NAMES) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/hooks/bounces/" + name))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(name).isEqualTo(404);
            }
        }
    }

    // ---- samples ---------------------------------------------------------------------------------------------------

    /** A DSN as Postmark keeps it: its own Message-ID first, the digest's headers quoted last. */
    static String postmarkBounce(String email, String messageId, String type, int code) throws Exception {
        String dump = "Return-Path: <>\r\nMessage-ID: <dsn.20261204160000.1@mx.example.com>\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nDelivery to " + email + " failed.\r\n--b\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\nFrom: Picks <digest@picks.example.org>\r\nTo: " + email
                + "\r\nMessage-ID: " + messageId + "\r\nSubject: Your picks\r\n--b--\r\n";
        return """
                {"RecordType": "Bounce", "MessageStream": "outbound", "ID": 4323372036854775807, "Type": "%s",
                 "TypeCode": %d, "Name": "Hard bounce", "Tag": "digest",
                 "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Metadata": {}, "ServerID": 23,
                 "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
                 "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
                 "Email": "%s", "From": "digest@picks.example.org", "BouncedAt": "2026-12-04T16:00:00Z",
                 "DumpAvailable": true, "Inactive": true, "CanActivate": true, "Subject": "Your picks",
                 "Content": %s}""".formatted(type, code, email, JSON.writeValueAsString(dump));
    }

    static String arfDump(String email, String messageId) {
        return "Message-ID: <arf.1@fbl.example.com>\r\nContent-Type: multipart/report; report-type=feedback-report;"
                + " boundary=\"f\"\r\n\r\n--f\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n"
                + "--f\r\nContent-Type: text/rfc822-headers\r\n\r\nTo: " + email + "\r\nMessage-ID: " + messageId
                + "\r\n--f--\r\n";
    }

    /** Mailgun's "failed" event (its documented sample, rewritten); Message-ID without brackets, as Mailgun gives it. */
    static String mailgunFailed(String email, Sent s, String severity, int code, String enhanced, boolean withId) {
        String id = s.messageId().substring(1, s.messageId().length() - 1);
        return """
                {"id": "G9Bn5sl1TC6nu79C8C0bwg", "timestamp": 1521233195.375624, "log-level": "error",
                 "event": "failed", "severity": "%s", "reason": "generic",
                 "envelope": {"sender": "%s", "transport": "smtp", "targets": "%s"},
                 "flags": {"is-routed": false, "is-authenticated": true, "is-system-test": false, "is-test-mode": false},
                 "recipient-domain": "example.com", "recipient": "%s", "tags": ["digest"], "campaigns": [],
                 "user-variables": {},
                 "message": {"headers": {"to": "%s", %s"from": "Picks <digest@picks.example.org>",
                   "subject": "Your picks"}, "attachments": [], "size": 20411},
                 "delivery-status": {"attempt-no": 1, "message": "", "code": %d, "enhanced-code": "%s",
                   "description": "Requested action not taken: mailbox unavailable", "session-seconds": 0.4}}""".formatted(
                        severity,
                        s.returnPath(),
                        email,
                        email,
                        email,
                        withId ? "\"message-id\": \"" + id + "\", " : "",
                        code,
                        enhanced);
    }

    static String mailgun(String eventData, long timestamp, String token, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return """
                {"signature": {"timestamp": "%d", "token": "%s", "signature": "%s"}, "event-data": %s}""".formatted(timestamp, token, signature, eventData);
    }

    static String token() {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, 50);
    }

    /** SES's bounce notification (its documented sample, rewritten around one digest). */
    static String sesBounce(Sent s, String type, String subType, String status) {
        String email = READERS.stream()
                .filter(r -> sent.get(r).subscriberId() == s.subscriberId())
                .findFirst()
                .orElseThrow();
        return """
                {"notificationType": "Bounce",
                 "bounce": {"feedbackId": "0100017b4dbc2d8e-4f3f6a0d-0000-0000-0000-000000000000-000000",
                   "bounceType": "%s", "bounceSubType": "%s",
                   "bouncedRecipients": [{"emailAddress": "%s", "action": "failed", "status": "%s",
                     "diagnosticCode": "smtp; 550 %s user unknown"}],
                   "timestamp": "2026-12-04T16:00:01.000Z", "remoteMtaIp": "192.0.2.10",
                   "reportingMTA": "dsn; a8-70.smtp-out.amazonses.com"},
                 "mail": {"timestamp": "2026-12-04T16:00:00.000Z", "source": "%s",
                   "sourceArn": "arn:aws:ses:us-east-1:123456789012:identity/picks.example.org",
                   "sourceIp": "192.0.2.20", "sendingAccountId": "123456789012",
                   "messageId": "0100017b4dbc2a1e-9d1e0c7c-0000-0000-0000-000000000000-000000",
                   "destination": ["%s"], "headersTruncated": false,
                   "headers": [{"name": "From", "value": "Picks <digest@picks.example.org>"},
                     {"name": "To", "value": "%s"}, {"name": "Message-ID", "value": "%s"}],
                   "commonHeaders": {"from": ["Picks <digest@picks.example.org>"], "to": ["%s"],
                     "messageId": "%s", "subject": "Your picks"}}}""".formatted(
                        type,
                        subType,
                        email,
                        status,
                        status,
                        s.returnPath(),
                        email,
                        email,
                        s.messageId(),
                        email,
                        s.messageId());
    }

    static String sesComplaint(Sent s) {
        String email = READERS.stream()
                .filter(r -> sent.get(r).subscriberId() == s.subscriberId())
                .findFirst()
                .orElseThrow();
        return """
                {"notificationType": "Complaint",
                 "complaint": {"userAgent": "ExampleCorp Feedback Loop (V0.01)",
                   "complainedRecipients": [{"emailAddress": "%s"}], "complaintFeedbackType": "abuse",
                   "arrivalDate": "2026-12-04T16:00:00.000Z", "timestamp": "2026-12-04T16:00:02.000Z",
                   "feedbackId": "000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000"},
                 "mail": {"timestamp": "2026-12-04T16:00:00.000Z", "source": "%s",
                   "sendingAccountId": "123456789012", "messageId": "000001378603177f-7a5433e7-0000-0000",
                   "destination": ["%s"], "headersTruncated": false,
                   "commonHeaders": {"from": ["Picks <digest@picks.example.org>"], "to": ["%s"],
                     "messageId": "%s", "subject": "Your picks"}}}""".formatted(email, s.returnPath(), email, email, s.messageId());
    }

    static Map<String, String> notificationFields(String message, String topic) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Type", "Notification");
        f.put("MessageId", UUID.randomUUID().toString());
        f.put("TopicArn", topic);
        f.put("Message", message);
        f.put("Timestamp", clock.instant().toString());
        return f;
    }

    String notification(String message, int version) {
        return sns.signed(notificationFields(message, TOPIC), version, FakeSns.CERT_URL);
    }

    static Map<String, String> confirmationFields(String topic, String subscribeBase) {
        String token = "2336412f37fb687f5d51e6e2425dacbba7" + "0".repeat(40);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Type", "SubscriptionConfirmation");
        f.put("MessageId", UUID.randomUUID().toString());
        f.put("Token", token);
        f.put("TopicArn", topic);
        f.put(
                "Message",
                "You have chosen to subscribe to the topic " + topic
                        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        f.put("SubscribeURL", subscribeBase + "/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + token);
        f.put("Timestamp", clock.instant().toString());
        return f;
    }

    static Map<String, String> snsHeaders(String type) {
        return Map.of("x-amz-sns-message-type", type, "Content-Type", "text/plain; charset=UTF-8");
    }

    // ---- HTTP and database -----------------------------------------------------------------------------------------

    static Map<String, String> generic() {
        return Map.of("Authorization", "Bearer " + GENERIC_KEY);
    }

    static Map<String, String> postmark() {
        return basic(POSTMARK_USER, POSTMARK_PASSWORD);
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> sendgridHeaders(KeyPair key, String timestamp, String body) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key.getPrivate());
        s.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Map.of(
                SendGridHook.SIGNATURE,
                Base64.getEncoder().encodeToString(s.sign()),
                SendGridHook.TIMESTAMP,
                timestamp);
    }

    static HttpResponse<String> post(String provider, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.port() + BounceHookRoutes.PREFIX + provider))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode result(HttpResponse<String> r, int i) throws Exception {
        return JSON.readTree(r.body()).get("results").get(i);
    }

    static SubscribersRecord subscriber(String email) {
        return db.database()
                .dsl()
                .selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL.eq(email))
                .fetchSingle();
    }

    static String status(String email) {
        return subscriber(email).getStatus().stored();
    }

    static List<String> events(String email) {
        return db.database()
                .dsl()
                .select(EVENTS.TYPE, EVENTS.DELIVERY_ID)
                .from(EVENTS)
                .where(EVENTS.SUBSCRIBER_ID.eq(subscriber(email).getId()))
                .orderBy(EVENTS.ID)
                .fetch(e -> e.value1() + (e.value2() == null ? "" : "@" + e.value2()));
    }

    /** The outbound webhook events queued about this reader. */
    static List<String> outgoing(String email) {
        return db.database()
                .dsl()
                .select(WEBHOOK_EVENTS.EVENT_TYPE)
                .from(WEBHOOK_EVENTS)
                .where(WEBHOOK_EVENTS.SUBJECT.eq(
                        "subscriber:" + subscriber(email).getId()))
                .orderBy(WEBHOOK_EVENTS.ID)
                .fetch(WEBHOOK_EVENTS.EVENT_TYPE);
    }

    static void assertUntouched(String email) {
        SubscribersRecord s = subscriber(email);
        assertThat(s.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(s.getSoftBounces()).isZero();
        assertThat(events(email)).containsExactly("subscribed");
        assertThat(outgoing(email)).isEmpty();
    }
}
