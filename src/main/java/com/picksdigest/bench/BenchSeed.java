package com.picksdigest.bench;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.App;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickInput;
import com.picksdigest.picks.PickService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A realistic day for the bench: 12 picks in 4 categories with 300-500 character summaries, and N subscribers
 * spread over time zones, categories, daily/weekly and HTML/text, all due now (send hour 0, weekly ones on
 * their local today), written with multi-row inserts.
 */
final class BenchSeed {
    static final List<String> CATEGORIES = List.of("AI Whole Tech", "Security", "Open Source", "Science");
    private static final List<String> ZONES = List.of(
            "UTC",
            "Europe/London",
            "Europe/Paris",
            "Europe/Helsinki",
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "America/Sao_Paulo",
            "Asia/Kolkata",
            "Asia/Tokyo",
            "Asia/Singapore",
            "Australia/Sydney",
            "Pacific/Auckland",
            "Africa/Nairobi");
    private static final int ROWS_PER_INSERT = 2000;

    private final DSLContext db;
    private final Categories categories;
    private final PickService picks;
    private final Clock clock;

    BenchSeed(App app) {
        this.db = app.database().dsl();
        this.categories = app.categories();
        this.picks = app.picks();
        this.clock = app.clock();
    }

    void picks() {
        for (String c : CATEGORIES) categories.ensure(c);
        Random r = new Random(42);
        Instant now = clock.instant();
        for (int i = 0; i < 12; i++) {
            String category = CATEGORIES.get(i % CATEGORIES.size());
            StringBuilder summary = new StringBuilder();
            int target = 300 + r.nextInt(200);
            while (summary.length() < target) {
                summary.append(WORDS[r.nextInt(WORDS.length)]).append(summary.length() % 7 == 0 ? ", " : " ");
            }
            picks.add(
                    new PickInput(
                            "Pick " + (i + 1) + ": " + WORDS[r.nextInt(WORDS.length)] + " "
                                    + WORDS[r.nextInt(WORDS.length)] + " changes how teams ship "
                                    + category.toLowerCase(Locale.ROOT),
                            "https://news.example.com/"
                                    + category.toLowerCase(Locale.ROOT).replace(' ', '-') + "/story-" + i,
                            summary.toString().strip() + ".",
                            "Source " + (i % 5 + 1),
                            "https://source" + (i % 5 + 1) + ".example.com",
                            null,
                            category,
                            i,
                            false,
                            now.minus(Duration.ofMinutes(10 + 15L * i))),
                    "bench");
        }
    }

    /** Inserts n subscribers; about a third follow one or two categories (the rest: all). */
    void subscribers(int n, LongConsumer progress) {
        List<Integer> categoryIds = db.select(com.picksdigest.db.generated.Tables.CATEGORIES.ID)
                .from(com.picksdigest.db.generated.Tables.CATEGORIES)
                .fetch(0, Integer.class);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        long firstId = nextId();
        for (int from = 0; from < n; from += ROWS_PER_INSERT) {
            int to = Math.min(n, from + ROWS_PER_INSERT);
            var subs = db.insertInto(
                    SUBSCRIBERS,
                    SUBSCRIBERS.ID,
                    SUBSCRIBERS.EMAIL,
                    SUBSCRIBERS.EMAIL_KEY,
                    SUBSCRIBERS.NAME,
                    SUBSCRIBERS.STATUS,
                    SUBSCRIBERS.TIMEZONE,
                    SUBSCRIBERS.SEND_HOUR,
                    SUBSCRIBERS.FREQUENCY,
                    SUBSCRIBERS.WEEKDAY,
                    SUBSCRIBERS.FORMAT,
                    SUBSCRIBERS.LOCALE,
                    SUBSCRIBERS.CREATED_AT,
                    SUBSCRIBERS.UPDATED_AT);
            for (int i = from; i < to; i++) {
                long id = firstId + i;
                String zone = ZONES.get(i % ZONES.size());
                boolean weekly = i % 10 == 3;
                DayOfWeek today = clock.instant().atZone(ZoneId.of(zone)).getDayOfWeek();
                String email = "reader" + i + "@bench.example.org";
                subs = subs.values(
                        id,
                        email,
                        email,
                        i % 4 == 0 ? null : "Reader " + i,
                        SubscriberStatus.ACTIVE,
                        zone,
                        (byte) 0,
                        weekly ? Frequency.WEEKLY : Frequency.DAILY,
                        weekly ? (byte) today.getValue() : null,
                        i % 5 == 0 ? DigestFormat.TEXT : DigestFormat.HTML,
                        "en",
                        now,
                        now);
            }
            subs.execute();
            insertFollows(firstId, from, to, categoryIds);
            progress.accept(to);
        }
    }

    private void insertFollows(long firstId, int from, int to, List<Integer> categoryIds) {
        var insert = db.insertInto(
                SUBSCRIBER_CATEGORIES, SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID);
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (i % 3 != 0) continue;
            long id = firstId + i;
            insert = insert.values(id, categoryIds.get(i % categoryIds.size()));
            if (i % 6 == 0) insert = insert.values(id, categoryIds.get((i + 1) % categoryIds.size()));
            any = true;
        }
        if (any) insert.execute();
    }

    private long nextId() {
        Long max = db.select(DSL.max(SUBSCRIBERS.ID)).from(SUBSCRIBERS).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    private static final String[] WORDS = ("model data kernel release patch cluster latency compiler browser network "
                    + "storage protocol vendor benchmark research paper engineers startup database cloud security quantum "
                    + "battery telescope satellite open source community maintainers funding license regulation privacy")
            .split(" ");
}
