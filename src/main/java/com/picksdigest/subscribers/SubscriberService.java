package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.picksdigest.common.Conflict;
import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.i18n.Languages;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.picks.Categories;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** Subscriber lifecycle as operators and subscribers drive it. */
public final class SubscriberService {
    private final DSLContext db;
    private final Languages languages;
    private final Categories categories;
    private final Clock clock;
    private final Suppressions suppressions;
    private final boolean utf8Mailboxes;

    /**
     * The lookup behind every link a reader follows, rendered to SQL once: in a JFR profile of GET /u/{token} under
     * wrk, jOOQ building this statement's text was a quarter of the request's samples.
     */
    private final String findById;

    /** {@link #linkHolder}'s statement: rendered once by jOOQ, so the column names stay checked by the compiler. */
    private final String linkHolderById;

    private static final SubscriberStatus.Converter STATUS = new SubscriberStatus.Converter();

    /** @param utf8Mailboxes the relays offer SMTPUTF8, so josé@example.org can be mailed (PICKS_SMTP_UTF8) */
    public SubscriberService(
            DSLContext db, Categories categories, Languages languages, boolean utf8Mailboxes, Clock clock) {
        this.db = db;
        this.utf8Mailboxes = utf8Mailboxes;
        this.languages = languages;
        this.categories = categories;
        this.clock = clock;
        this.suppressions = new Suppressions(db);
        this.findById = db.render(db.selectFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.eq(0L)));
        this.linkHolderById = db.render(db.select(
                        SUBSCRIBERS.ID,
                        SUBSCRIBERS.EMAIL,
                        SUBSCRIBERS.STATUS,
                        SUBSCRIBERS.LOCALE,
                        SUBSCRIBERS.TOKEN_VERSION)
                .from(SUBSCRIBERS)
                .where(SUBSCRIBERS.ID.eq(0L)));
    }

    /** An address typed by someone, judged for mailing through the configured relays. */
    public String address(String raw) {
        return EmailAddresses.parse(raw, utf8Mailboxes);
    }

    /** Validates everything first, then writes subscriber, follows and event in one transaction. */
    public SubscribersRecord add(SubscriberInput in, SubscriberStatus status) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        String email = c.check("email", () -> address(in.email()));
        Preferences p = null;
        try {
            p = validate(in);
        } catch (InvalidFields e) {
            e.errors().forEach(c::add);
        }
        c.throwIfAny();
        Preferences valid = p;
        String key = EmailAddresses.key(email);
        if (suppressions.contains(email)) {
            throw new Conflict(email + " is suppressed: its subscriber asked for their data to be erased, "
                    + "so it cannot be added again.");
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            if (t.fetchExists(SUBSCRIBERS, SUBSCRIBERS.EMAIL_KEY.eq(key))) {
                throw new Conflict(email + " is already on the list.");
            }
            SubscribersRecord r = t.newRecord(SUBSCRIBERS);
            r.setEmail(email);
            r.setEmailKey(key);
            r.setName(valid.name());
            r.setStatus(status);
            r.setTimezone(valid.timezone());
            r.setSendHour((byte) valid.sendHour());
            r.setFrequency(valid.frequency());
            r.setWeekday(valid.weekday() == null ? null : valid.weekday().byteValue());
            r.setFormat(valid.format());
            r.setLocale(valid.locale() == null ? "en" : valid.locale());
            r.setCreatedAt(now);
            r.setUpdatedAt(now);
            if (status == SubscriberStatus.ACTIVE) r.setConfirmedAt(now);
            r.store();
            r.refresh();
            for (Integer cid : valid.follows()) {
                t.insertInto(SUBSCRIBER_CATEGORIES)
                        .set(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, r.getId())
                        .set(SUBSCRIBER_CATEGORIES.CATEGORY_ID, cid)
                        .execute();
            }
            Events.record(t, r.getId(), "subscribed", null, null, now);
            Events.webhook(t, Outbox.SUBSCRIBER_CREATED, r.getId(), null, now);
            return r;
        });
    }

    /**
     * Adds many subscribers at once (imports): each input is checked exactly as {@link #add} checks it and refused
     * for the same reasons (an address suppressed, already on the list, or twice in the batch); the good ones are
     * written in one transaction, a few statements in all. Should the batch meet a row written meanwhile, it is
     * added one by one instead.
     *
     * @return per input, in order: null when added, else the sentence refusing it
     */
    public List<String> addAll(List<SubscriberInput> inputs, SubscriberStatus status) {
        int n = inputs.size();
        String[] errors = new String[n];
        String[] emails = new String[n];
        Preferences[] prefs = new Preferences[n];
        java.util.Map<String, Integer> keys = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            SubscriberInput in = inputs.get(i);
            InvalidFields.Collector c = new InvalidFields.Collector();
            String email = c.check("email", () -> address(in.email()));
            try {
                prefs[i] = validate(in);
            } catch (InvalidFields e) {
                e.errors().forEach(c::add);
            }
            try {
                c.throwIfAny();
            } catch (InvalidFields e) {
                errors[i] = e.getMessage();
                continue;
            }
            String key = EmailAddresses.key(email);
            if (keys.containsKey(key)) {
                errors[i] = email + " is already on the list.";
                continue;
            }
            keys.put(key, i);
            emails[i] = email;
        }
        java.util.Set<String> suppressed = suppressions.suppressed(
                keys.values().stream().map(i -> emails[i]).toList());
        db.select(SUBSCRIBERS.EMAIL_KEY)
                .from(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL_KEY.in(keys.keySet()))
                .forEach(r -> {
                    int i = keys.remove(r.value1());
                    errors[i] = emails[i] + " is already on the list.";
                });
        keys.values().removeIf(i -> {
            if (!suppressed.contains(emails[i])) return false;
            errors[i] = emails[i] + " is suppressed: its subscriber asked for their data to be erased, "
                    + "so it cannot be added again.";
            return true;
        });
        if (keys.isEmpty()) return java.util.Arrays.asList(errors);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        try {
            db.transaction(tx -> {
                DSLContext t = tx.dsl();
                var insert = t.insertInto(
                        SUBSCRIBERS,
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
                        SUBSCRIBERS.UPDATED_AT,
                        SUBSCRIBERS.CONFIRMED_AT);
                for (var e : keys.entrySet()) {
                    Preferences p = prefs[e.getValue()];
                    insert = insert.values(
                            emails[e.getValue()],
                            e.getKey(),
                            p.name(),
                            status,
                            p.timezone(),
                            (byte) p.sendHour(),
                            p.frequency(),
                            p.weekday() == null ? null : p.weekday().byteValue(),
                            p.format(),
                            p.locale() == null ? "en" : p.locale(),
                            now,
                            now,
                            status == SubscriberStatus.ACTIVE ? now : null);
                }
                insert.execute();
                java.util.Map<String, Long> ids = new java.util.HashMap<>();
                t.select(SUBSCRIBERS.EMAIL_KEY, SUBSCRIBERS.ID)
                        .from(SUBSCRIBERS)
                        .where(SUBSCRIBERS.EMAIL_KEY.in(keys.keySet()))
                        .forEach(r -> ids.put(r.value1(), r.value2()));
                var follows = t.insertInto(
                        SUBSCRIBER_CATEGORIES, SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID);
                boolean any = false;
                for (var e : keys.entrySet()) {
                    for (Integer cid : prefs[e.getValue()].follows()) {
                        follows = follows.values(ids.get(e.getKey()), cid);
                        any = true;
                    }
                }
                if (any) follows.execute();
                Events.recordAll(t, ids.values(), "subscribed", now);
                // one event per subscriber, as a single add writes, but only read and built when an endpoint wants it
                if (Outbox.wanted(t, Outbox.SUBSCRIBER_CREATED)) {
                    for (long id : ids.values()) Events.webhook(t, Outbox.SUBSCRIBER_CREATED, id, null, now);
                }
            });
        } catch (org.jooq.exception.IntegrityConstraintViolationException raced) {
            for (int i : keys.values()) {
                try {
                    add(inputs.get(i), status);
                } catch (InvalidInputException e) {
                    errors[i] = e.getMessage();
                }
            }
        }
        return java.util.Arrays.asList(errors);
    }

    public SubscribersRecord find(long id) {
        return db.resultQuery(findById, id).coerce(SUBSCRIBERS).fetchAny();
    }

    /** Who an unsubscribe link names, as far as its page needs. */
    public record LinkHolder(long id, String email, SubscriberStatus status, String locale, Integer tokenVersion) {}

    /**
     * The lookup behind GET and POST /u/{token}: five columns over plain JDBC. Under wrk, after {@link #find} stopped
     * rendering its SQL, jOOQ still spent about 40 % of that page's samples binding the plain-SQL text and filling
     * a 25-column record; this is the one hot read that goes around it.
     */
    public LinkHolder linkHolder(long id) {
        return db.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(linkHolderById)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    int version = rs.getInt(5);
                    Integer tokenVersion = rs.wasNull() ? null : version;
                    return new LinkHolder(
                            rs.getLong(1),
                            rs.getString(2),
                            STATUS.from(rs.getString(3)),
                            rs.getString(4),
                            tokenVersion);
                }
            }
        });
    }

    public SubscribersRecord findByEmail(String email) {
        return db.selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL_KEY.eq(EmailAddresses.key(email.strip())))
                .fetchAny();
    }

    /** Stops all future digests at once; queued deliveries are suppressed when a worker reaches them. */
    public boolean unsubscribe(long id, String reason) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        return db.transactionResult(tx -> {
            int n = tx.dsl()
                    .update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.STATUS, SubscriberStatus.UNSUBSCRIBED)
                    .set(SUBSCRIBERS.UNSUBSCRIBED_AT, now)
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(id))
                    .and(SUBSCRIBERS.STATUS.ne(SubscriberStatus.UNSUBSCRIBED))
                    .execute();
            if (n > 0) {
                String why = Fields.line("Reason", reason, 1000, false);
                Events.record(tx.dsl(), id, "unsubscribed", why, null, now);
                Events.webhook(tx.dsl(), Outbox.SUBSCRIBER_UNSUBSCRIBED, id, why, now);
            }
            return n > 0;
        });
    }

    public Result<? extends Record> list(SubscriberStatus status, int limit) {
        var q = db.select(
                        SUBSCRIBERS.ID,
                        SUBSCRIBERS.EMAIL,
                        SUBSCRIBERS.NAME,
                        SUBSCRIBERS.STATUS,
                        SUBSCRIBERS.TIMEZONE,
                        SUBSCRIBERS.SEND_HOUR,
                        SUBSCRIBERS.FREQUENCY,
                        SUBSCRIBERS.FORMAT)
                .from(SUBSCRIBERS);
        return (status == null ? q.where() : q.where(SUBSCRIBERS.STATUS.eq(status)))
                .orderBy(SUBSCRIBERS.ID)
                .limit(limit)
                .fetch();
    }

    /**
     * One page of subscribers, oldest first by (created_at, id), strictly after the given row: rows added meanwhile
     * come after every boundary already handed out, so paging never skips or repeats one.
     *
     * @param categoryId those who receive this category's picks: its followers and those who follow none (all)
     * @param emailContains part of the address; null for any
     */
    public List<SubscribersRecord> page(
            SubscriberStatus status,
            Integer categoryId,
            String emailContains,
            LocalDateTime afterCreated,
            Long afterId,
            int limit) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(SUBSCRIBERS.STATUS.eq(status));
        if (categoryId != null) {
            // two selects: jOOQ's select steps are mutable, so one built on the other would change it too
            var followsIt = DSL.selectOne()
                    .from(SUBSCRIBER_CATEGORIES)
                    .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID))
                    .and(SUBSCRIBER_CATEGORIES.CATEGORY_ID.eq(categoryId));
            var followsAny = DSL.selectOne()
                    .from(SUBSCRIBER_CATEGORIES)
                    .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID));
            c = c.and(DSL.exists(followsIt).or(DSL.notExists(followsAny)));
        }
        if (emailContains != null && !emailContains.isBlank()) {
            String like = "%"
                    + emailContains
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replace("!", "!!")
                            .replace("%", "!%")
                            .replace("_", "!_")
                    + "%";
            c = c.and(SUBSCRIBERS.EMAIL_KEY.like(like, '!'));
        }
        if (afterCreated != null && afterId != null) {
            c = c.and(SUBSCRIBERS
                    .CREATED_AT
                    .gt(afterCreated)
                    .or(SUBSCRIBERS.CREATED_AT.eq(afterCreated).and(SUBSCRIBERS.ID.gt(afterId))));
        }
        return db.selectFrom(SUBSCRIBERS)
                .where(c)
                .orderBy(SUBSCRIBERS.CREATED_AT, SUBSCRIBERS.ID)
                .limit(limit)
                .fetch();
    }

    /** The slugs each of these subscribers follows (none: all categories), in one query. */
    public java.util.Map<Long, List<String>> followedSlugs(java.util.Collection<Long> ids) {
        java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
        for (Long id : ids) out.put(id, new ArrayList<>());
        if (ids.isEmpty()) return out;
        db.select(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, CATEGORIES.SLUG)
                .from(SUBSCRIBER_CATEGORIES)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(SUBSCRIBER_CATEGORIES.CATEGORY_ID))
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.in(ids))
                .orderBy(CATEGORIES.SLUG)
                .forEach(r -> out.get(r.value1()).add(r.value2()));
        return out;
    }

    public List<String> followedCategoryNames(long subscriberId) {
        return new ArrayList<>(db.select(CATEGORIES.NAME)
                .from(SUBSCRIBER_CATEGORIES)
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(SUBSCRIBER_CATEGORIES.CATEGORY_ID))
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(subscriberId))
                .fetch(CATEGORIES.NAME));
    }

    static String timezone(String raw) {
        if (raw == null || raw.isBlank()) return "UTC";
        String v = raw.strip();
        try {
            if (v.length() > 64 || !ZoneId.getAvailableZoneIds().contains(v) && !v.equals("UTC"))
                throw new DateTimeException(v);
            return ZoneId.of(v).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException("\"" + (v.length() > 64 ? v.substring(0, 61) + "..." : v)
                    + "\" is not an IANA time zone such as Europe/Paris.");
        }
    }

    /** The preferences in, checked by the rules every way in shares (the language among them). */
    public Preferences validate(SubscriberInput in) {
        return Preferences.validate(in, categories, languages);
    }

    /**
     * Replaces a subscriber's preferences (name, schedule, format, followed categories; not the address, which
     * only changes through a confirmed new subscription). Validates everything first, exactly as {@link #add} does
     * (null fields take the same defaults, except the locale, which is kept when null), then writes the subscriber,
     * the follows and a {@code preferences} event in one transaction. Returns false when the subscriber no longer
     * exists; nothing is written then.
     */
    public boolean updatePreferences(long id, SubscriberInput in) {
        Preferences p = validate(in);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            var update = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.NAME, p.name())
                    .set(SUBSCRIBERS.TIMEZONE, p.timezone())
                    .set(SUBSCRIBERS.SEND_HOUR, (byte) p.sendHour())
                    .set(SUBSCRIBERS.FREQUENCY, p.frequency())
                    .set(
                            SUBSCRIBERS.WEEKDAY,
                            p.weekday() == null ? null : p.weekday().byteValue())
                    .set(SUBSCRIBERS.FORMAT, p.format())
                    .set(SUBSCRIBERS.UPDATED_AT, now);
            if (p.locale() != null) update = update.set(SUBSCRIBERS.LOCALE, p.locale());
            if (update.where(SUBSCRIBERS.ID.eq(id)).execute() == 0) return false;
            t.deleteFrom(SUBSCRIBER_CATEGORIES)
                    .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(id))
                    .execute();
            for (Integer cid : p.follows()) {
                t.insertInto(SUBSCRIBER_CATEGORIES)
                        .set(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, id)
                        .set(SUBSCRIBER_CATEGORIES.CATEGORY_ID, cid)
                        .execute();
            }
            Events.record(t, id, "preferences", p.summary(), null, now);
            return true;
        });
    }

    /** Ids of the categories a subscriber follows; empty means "all categories". */
    public Set<Integer> followedCategoryIds(long subscriberId) {
        return new LinkedHashSet<>(db.select(SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .from(SUBSCRIBER_CATEGORIES)
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(subscriberId))
                .fetch(SUBSCRIBER_CATEGORIES.CATEGORY_ID));
    }
}
