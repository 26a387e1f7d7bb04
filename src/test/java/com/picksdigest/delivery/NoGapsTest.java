package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.picks.PickInput;
import com.picksdigest.support.MailerHarness;
import com.picksdigest.support.Mails;
import com.picksdigest.support.MutableClock;
import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "No repeats, no gaps" while a newsroom publishes: editors publish from several threads, at the current time, at
 * a time already gone by, and for later, while one reader's digests are cut day after day. Every published pick
 * reaches the reader exactly once, in the mail they receive and in the ledger. (With the cut-off held as a time
 * alone, a pick committed just after a digest read its picks, with a publish time at or before that digest's
 * cut-off, fell behind the watermark for good: about one pick in seven in a run like this one.)
 */
class NoGapsTest {
    private static final int EDITIONS = 20;
    private static final int PUBLISHERS = 3;
    /** At most this many picks reach one digest, well under PICKS_DIGEST_MAX_ITEMS: every pick must fit. */
    private static final int PER_EDITION = 24;

    private static final Pattern TITLE = Pattern.compile("pick-\\d+-\\d+-(now|past|later)");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static TestDatabase db;
    static final MutableClock clock =
            new MutableClock(Instant.parse("2026-03-01T06:00:00Z").truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void setUp() {
        db = TestDatabase.migrated(NoGapsTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void everyPickPublishedWhileDigestsAreCutReachesTheReaderExactlyOnce() throws Exception {
        Seed seed = new Seed(db.database().dsl(), clock);
        seed.categories.add("News");
        long reader =
                seed.subscriber("reader@example.org", "Reader", "UTC", "text").getId();
        // a reader of long standing: their last digest went out before the first of these picks
        seed.watermark(reader, clock.instant());
        Semaphore budget = new Semaphore(0);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Map<String, String> settings = Map.of("PICKS_DIGEST_MAX_ITEMS", "100");
        // the editors work on one node; each day's digest is sent by a send-now process of its own
        try (MailerHarness h = new MailerHarness(db, smtp.getSmtp().getPort(), clock, settings)) {
            List<Thread> editors = new ArrayList<>();
            for (int t = 0; t < PUBLISHERS; t++) {
                int editor = t;
                Thread thread = new Thread(() -> {
                    int n = 0;
                    try {
                        while (!stop.get()) {
                            if (!budget.tryAcquire(10, TimeUnit.MILLISECONDS)) continue;
                            n++;
                            // now, a time already gone by (before earlier digests), or a little later
                            String when = n % 5 == 0 ? "past" : n % 7 == 0 ? "later" : "now";
                            Instant at = switch (when) {
                                case "past" -> clock.instant().minus(Duration.ofDays(3));
                                case "later" -> clock.instant().plus(Duration.ofHours(6));
                                default -> null;
                            };
                            String title = "pick-" + editor + "-" + n + "-" + when;
                            h.app.picks()
                                    .add(
                                            new PickInput(
                                                    title,
                                                    "https://news.example.org/" + title,
                                                    "About " + title,
                                                    null,
                                                    null,
                                                    null,
                                                    "News",
                                                    null,
                                                    at == null,
                                                    at),
                                            "editor" + editor + "@example.org");
                            published.add(title);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                thread.start();
                editors.add(thread);
            }
            for (int day = 0; day < EDITIONS; day++) {
                clock.advance(Duration.ofDays(1));
                // the editors go on publishing while this edition's digest is planned and sent
                budget.release(Math.max(0, PER_EDITION - budget.availablePermits()));
                sendNow(settings);
            }
            stop.set(true);
            for (Thread t : editors) t.join();
            // two quiet days: what was published during the last cut, and later, goes out with these
            for (int day = 0; day < 2; day++) {
                clock.advance(Duration.ofDays(1));
                sendNow(settings);
            }
        }
        assertThat(failures).isEmpty();

        Map<String, Integer> received = new HashMap<>();
        MimeMessage[] mails = smtp.getReceivedMessages();
        for (MimeMessage m : mails) {
            // a pick's title is also in its link and summary here: count the digests it is in, not the mentions
            Set<String> inThisDigest = new HashSet<>();
            Matcher titles = TITLE.matcher(Mails.text(m));
            while (titles.find()) inThisDigest.add(titles.group());
            inThisDigest.forEach(t -> received.merge(t, 1, Integer::sum));
        }
        assertThat(published).hasSizeGreaterThan(EDITIONS * 5);
        assertThat(published.stream().filter(t -> t.endsWith("past"))).isNotEmpty();
        assertThat(published.stream().filter(t -> t.endsWith("later"))).isNotEmpty();
        assertThat(mails.length).isGreaterThanOrEqualTo(EDITIONS);
        assertThat(received.keySet())
                .as("every published pick was received")
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(received.values()).as("and each only once").containsOnly(1);

        Map<String, Integer> ledger = new HashMap<>();
        db.database()
                .dsl()
                .select(PICKS.TITLE)
                .from(DELIVERIES)
                .join(DIGEST_PICKS)
                .on(DIGEST_PICKS.DIGEST_ID.eq(DELIVERIES.DIGEST_ID))
                .join(PICKS)
                .on(PICKS.ID.eq(DIGEST_PICKS.PICK_ID))
                .where(DELIVERIES.SUBSCRIBER_ID.eq(reader))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .forEach(r -> ledger.merge(r.value1(), 1, Integer::sum));
        assertThat(ledger).as("the ledger says the same").isEqualTo(received);
    }

    private static void sendNow(Map<String, String> settings) throws InterruptedException {
        try (MailerHarness sender = new MailerHarness(db, smtp.getSmtp().getPort(), clock, settings)) {
            sender.sendNow();
        }
    }
}
