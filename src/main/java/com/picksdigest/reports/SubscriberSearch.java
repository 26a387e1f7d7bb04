package com.picksdigest.reports;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The workspace's subscriber search, and the same filter streamed for a bulk action or an export. */
public final class SubscriberSearch {
    private final DSLContext db;

    public SubscriberSearch(DSLContext db) {
        this.db = db;
    }

    /**
     * Every part is optional (null or blank: any).
     *
     * @param address part of the address, case-insensitively
     * @param name part of the name
     * @param categoryId those who receive this category: its followers and those who follow none (all)
     * @param joinedFrom first day (UTC) of sign-up, inclusive; {@code joinedTo} last day, inclusive
     */
    public record Criteria(
            String address, String name, String status, Integer categoryId, LocalDate joinedFrom, LocalDate joinedTo) {
        public boolean isEmpty() {
            return blank(address)
                    && blank(name)
                    && blank(status)
                    && categoryId == null
                    && joinedFrom == null
                    && joinedTo == null;
        }
    }

    /** The first {@code limit} matches, oldest first. */
    public List<SubscribersRecord> find(Criteria c, int limit) {
        return db.selectFrom(SUBSCRIBERS)
                .where(condition(c))
                .orderBy(SUBSCRIBERS.CREATED_AT, SUBSCRIBERS.ID)
                .limit(limit)
                .fetch();
    }

    public int count(Criteria c) {
        return db.fetchCount(SUBSCRIBERS, condition(c));
    }

    /** Every match, one row at a time from a streaming cursor: memory does not grow with the list. */
    public void forEach(Criteria c, Consumer<SubscribersRecord> each) {
        try (var cursor = db.selectFrom(SUBSCRIBERS)
                .where(condition(c))
                .orderBy(SUBSCRIBERS.CREATED_AT, SUBSCRIBERS.ID)
                .fetchSize(Integer.MIN_VALUE)
                .fetchLazy()) {
            for (SubscribersRecord r : cursor) each.accept(r);
        }
    }

    private static Condition condition(Criteria c) {
        Condition w = DSL.noCondition();
        if (!blank(c.address())) w = w.and(SUBSCRIBERS.EMAIL_KEY.like(like(c.address()), '!'));
        if (!blank(c.name())) w = w.and(DSL.lower(SUBSCRIBERS.NAME).like(like(c.name()), '!'));
        if (!blank(c.status())) {
            SubscriberStatus status = SubscriberStatus.parse(c.status());
            // a word naming no status matches no one, as it did when the column was compared as text
            w = w.and(status == null ? DSL.falseCondition() : SUBSCRIBERS.STATUS.eq(status));
        }
        if (c.categoryId() != null) {
            // two separate selects: jOOQ's select steps are mutable, so one built on the other would change it
            var followsIt = DSL.selectOne()
                    .from(SUBSCRIBER_CATEGORIES)
                    .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID))
                    .and(SUBSCRIBER_CATEGORIES.CATEGORY_ID.eq(c.categoryId()));
            var followsAny = DSL.selectOne()
                    .from(SUBSCRIBER_CATEGORIES)
                    .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID));
            w = w.and(DSL.exists(followsIt).or(DSL.notExists(followsAny)));
        }
        if (c.joinedFrom() != null)
            w = w.and(SUBSCRIBERS.CREATED_AT.ge(c.joinedFrom().atStartOfDay()));
        if (c.joinedTo() != null) {
            w = w.and(SUBSCRIBERS.CREATED_AT.lt(c.joinedTo().plusDays(1).atTime(LocalTime.MIDNIGHT)));
        }
        return w;
    }

    private static String like(String text) {
        return "%"
                + text.strip()
                        .toLowerCase(Locale.ROOT)
                        .replace("!", "!!")
                        .replace("%", "!%")
                        .replace("_", "!_")
                + "%";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
