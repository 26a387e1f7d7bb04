package com.picksdigest.support;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One edition for many subscribers in a test schema, sent by real `serve` processes to a counting SMTP sink;
 * afterwards the relay's view (who received how many) is compared with the ledger's (who has which outcome).
 */
public final class Edition {
    public static final String SECRET = "reliability-secret-reliability-secret";
    private static final int INSERT_CHUNK = 1000;

    private final TestDatabase db;
    private final int subscribers;

    private Edition(TestDatabase db, int subscribers) {
        this.db = db;
        this.subscribers = subscribers;
    }

    /** One published pick and {@code subscribers} active daily readers in UTC, all due at any hour. */
    public static Edition seed(TestDatabase db, int subscribers) {
        DSLContext dsl = db.database().dsl();
        Seed seed = new Seed(dsl, Clock.systemUTC());
        seed.categories.add("News");
        seed.published("Today's pick", "News", Instant.now().minus(Duration.ofHours(1)));
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int from = 0; from < subscribers; from += INSERT_CHUNK) {
            var insert = dsl.insertInto(
                    SUBSCRIBERS,
                    SUBSCRIBERS.EMAIL,
                    SUBSCRIBERS.EMAIL_KEY,
                    SUBSCRIBERS.STATUS,
                    SUBSCRIBERS.TIMEZONE,
                    SUBSCRIBERS.SEND_HOUR,
                    SUBSCRIBERS.FORMAT,
                    SUBSCRIBERS.CONFIRMED_AT);
            for (int i = from; i < Math.min(from + INSERT_CHUNK, subscribers); i++) {
                insert = insert.values(
                        address(i),
                        address(i),
                        SubscriberStatus.ACTIVE,
                        "UTC",
                        (byte) 0,
                        i % 5 == 0 ? DigestFormat.TEXT : DigestFormat.HTML,
                        now);
            }
            insert.execute();
        }
        return new Edition(db, subscribers);
    }

    public static String address(int i) {
        return String.format("reader%06d@example.org", i);
    }

    public int subscribers() {
        return subscribers;
    }

    /** What `serve` needs against this schema and the given relay; claims of a dead node come back after 10 s. */
    public Map<String, String> serveEnv(int smtpPort, Map<String, String> extra) {
        int http = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SMTP_HOST",
                "127.0.0.1",
                "PICKS_SMTP_PORT",
                String.valueOf(smtpPort),
                "PICKS_HTTP_PORT",
                String.valueOf(http),
                "PICKS_BASE_URL",
                "http://127.0.0.1:" + http,
                "PICKS_SECRET",
                SECRET,
                "PICKS_CLAIM_TIMEOUT_SECONDS",
                "10",
                "PICKS_RETRY_BASE_SECONDS",
                "1",
                "PICKS_SMTP_TIMEOUT_SECONDS",
                "5"));
        env.put("PICKS_MANAGEMENT_PORT", String.valueOf(AppProcess.freePort()));
        env.putAll(extra);
        return env;
    }

    public Map<String, Integer> statuses() {
        return new TreeMap<>(db.database()
                .dsl()
                .select(DELIVERIES.STATUS, DSL.count())
                .from(DELIVERIES)
                .groupBy(DELIVERIES.STATUS)
                .fetchMap(r -> r.value1().stored(), r -> r.value2()));
    }

    /** Deliveries not yet at an end: queued (now or for a retry) or claimed. */
    public int outstanding() {
        return db.database()
                .dsl()
                .fetchCount(DELIVERIES, DELIVERIES.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING));
    }

    public int sending() {
        return db.database().dsl().fetchCount(DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SENDING));
    }

    /** Waits until every subscriber's delivery exists and has ended; returns how long that took. */
    public Duration awaitFinished(Duration timeout, AppProcess... nodes) throws InterruptedException {
        return Await.until(
                timeout,
                () -> db.database().dsl().fetchCount(DELIVERIES) >= subscribers && outstanding() == 0,
                () -> "deliveries " + statuses() + "\n" + logs(nodes));
    }

    public static String logs(AppProcess... nodes) {
        StringBuilder b = new StringBuilder();
        for (AppProcess p : nodes) {
            String out = p.output();
            b.append("--- process ")
                    .append(p.pid())
                    .append(" (last 4000 chars)\n")
                    .append(out.length() > 4000 ? out.substring(out.length() - 4000) : out);
        }
        return b.toString();
    }

    /** The relay's and the ledger's accounts of the edition, side by side. */
    public record Tally(
            int subscribers,
            int messages,
            int lost,
            int duplicated,
            int subscribersNotSentOnce,
            Map<String, Integer> statuses) {}

    public Tally tally(List<ScriptedSmtpServer.Accepted> accepted) {
        Map<String, Long> perRecipient = accepted.stream()
                .flatMap(a -> a.recipients().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        int lost = 0;
        int duplicated = 0;
        for (int i = 0; i < subscribers; i++) {
            long n = perRecipient.getOrDefault(address(i), 0L);
            if (n == 0) lost++;
            if (n > 1) duplicated += (int) (n - 1);
        }
        var sentPerSubscriber = DSL.select(DELIVERIES.SUBSCRIBER_ID)
                .from(DELIVERIES)
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .groupBy(DELIVERIES.SUBSCRIBER_ID)
                .having(DSL.count().eq(1));
        int sentOnce = db.database().dsl().fetchCount(sentPerSubscriber);
        return new Tally(subscribers, accepted.size(), lost, duplicated, subscribers - sentOnce, statuses());
    }
}
