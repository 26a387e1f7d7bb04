package com.picksdigest.reports;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The subscribers page: how many in each status, joins and leaves per day, and a search by address. */
public final class SubscriberStats {
    private final DSLContext db;

    public SubscriberStats(DSLContext db) {
        this.db = db;
    }

    public record Day(LocalDate date, int subscribed, int unsubscribed) {}

    public Map<String, Integer> countsByStatus() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (SubscriberStatus s : List.of(
                SubscriberStatus.ACTIVE,
                SubscriberStatus.PENDING,
                SubscriberStatus.UNSUBSCRIBED,
                SubscriberStatus.BOUNCED,
                SubscriberStatus.COMPLAINED)) {
            out.put(s.stored(), 0);
        }
        db.select(SUBSCRIBERS.STATUS, DSL.count())
                .from(SUBSCRIBERS)
                .groupBy(SUBSCRIBERS.STATUS)
                .forEach(r -> out.put(r.value1().stored(), r.value2()));
        return out;
    }

    /** Days (UTC) from {@code since} with at least one sign-up or departure, newest first. */
    public List<Day> growth(LocalDate since) {
        Field<LocalDate> day = DSL.field("CAST({0} AS DATE)", LocalDate.class, EVENTS.CREATED_AT);
        TreeMap<LocalDate, int[]> days = new TreeMap<>();
        db.select(day, EVENTS.TYPE, DSL.count())
                .from(EVENTS)
                .where(EVENTS.TYPE.in("subscribed", "unsubscribed"))
                .and(EVENTS.CREATED_AT.ge(LocalDateTime.of(since, java.time.LocalTime.MIDNIGHT)))
                .groupBy(day, EVENTS.TYPE)
                .forEach(r -> days.computeIfAbsent(r.value1(), d -> new int[2])[
                                r.value2().equals("subscribed") ? 0 : 1] +=
                        r.value3());
        List<Day> out = new ArrayList<>();
        days.descendingMap().forEach((d, c) -> out.add(new Day(d, c[0], c[1])));
        return out;
    }

    /** Addresses containing the text, case-insensitively. */
    public List<SubscribersRecord> search(String text, int limit) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) return List.of();
        String like = "%" + t.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return db.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL_KEY.like(like, '!'))
                .orderBy(SUBSCRIBERS.EMAIL_KEY)
                .limit(limit)
                .fetch();
    }
}
