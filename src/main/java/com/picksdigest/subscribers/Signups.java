package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.CONFIRMATIONS;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.outbox.Outbox;
import com.picksdigest.picks.Categories;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Schedules;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining: sign-up with double opt-in, resubscription, confirmation, and the expiry of sign-ups never confirmed.
 *
 * <p>Nothing a stranger sees depends on whether an address is known. {@link #signUp} only validates what was typed
 * and counts the caller's requests, then hands the rest to {@link Background}: a new address becomes a pending
 * subscriber and gets a confirmation link; an active one gets "you are already subscribed" with its links; a pending,
 * unsubscribed, bounced or complained one gets a fresh confirmation link (leaving the list again needs no more than
 * a click, coming back always needs the mailbox); a suppressed (erased) one gets nothing. Existing subscribers'
 * settings are never changed by a sign-up: only their confirmed links change anything.
 */
public final class Signups {
    private static final Logger log = LoggerFactory.getLogger(Signups.class);

    /** The caller sent too many sign-ups lately: 429. */
    public static final class TooManyRequests extends RuntimeException {
        TooManyRequests() {
            super("Too many sign-ups from your network in the last hour. Please try again later.", null, false, false);
        }
    }

    /** The background queue is full: 503, try again. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("We are busy right now. Please try again in a few minutes.", null, false, false);
        }
    }

    private final DSLContext db;
    private final SubscriberService subscribers;
    private final Categories categories;
    private final Confirmations confirmations;
    private final Suppressions suppressions;
    private final NoticeMails notices;
    private final Background background;
    private final MailLimits limits;
    private final SignupConfig config;
    private final Clock clock;

    public Signups(
            DSLContext db,
            SubscriberService subscribers,
            Categories categories,
            Confirmations confirmations,
            NoticeMails notices,
            Background background,
            MailLimits limits,
            SignupConfig config,
            Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.categories = categories;
        this.confirmations = confirmations;
        this.suppressions = new Suppressions(db);
        this.notices = notices;
        this.background = background;
        this.limits = limits;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Validates {@code in} (InvalidInputException: 400, nothing happens), counts one request for {@code clientIp}
     * ({@link TooManyRequests}), and queues the rest ({@link Busy} when the queue is full).
     */
    public void signUp(SubscriberInput in, String clientIp) {
        String email = subscribers.address(in.email());
        subscribers.validate(in);
        if (!limits.allowRequestFrom(clientIp)) throw new TooManyRequests();
        if (!background.submit("A sign-up", () -> process(email, in))) throw new Busy();
    }

    private void process(String email, SubscriberInput in) {
        if (!limits.allowMailTo(email)) return;
        SubscribersRecord s = subscribers.findByEmail(email);
        if (s == null) {
            if (suppressions.contains(email)) {
                log.info("A sign-up for a suppressed (erased) address was ignored");
                return;
            }
            SubscribersRecord added =
                    subscribers.add(in, config.doubleOptIn() ? SubscriberStatus.PENDING : SubscriberStatus.ACTIVE);
            s = subscribers.find(added.getId());
            if (config.doubleOptIn()) {
                sendConfirmation(s, NoticeMails.Confirm.SUBSCRIBE);
            } else if (config.welcome()) {
                // Nobody has confirmed this address: the name typed with it stays out of the mail.
                notices.welcome(s.getId(), s.getTokenVersion(), s.getEmail(), null, latestEdition(), s.getLocale());
            }
        } else if (SubscriberStatus.ACTIVE == s.getStatus()) {
            notices.manage(
                    NoticeMails.Manage.ALREADY_SUBSCRIBED,
                    s.getId(),
                    s.getTokenVersion(),
                    s.getEmail(),
                    s.getName(),
                    s.getLocale());
        } else {
            sendConfirmation(
                    s,
                    SubscriberStatus.PENDING == s.getStatus()
                            ? NoticeMails.Confirm.SUBSCRIBE
                            : NoticeMails.Confirm.RESUBSCRIBE);
        }
    }

    /** "Resubscribe" from the unsubscribe page: a fresh confirmation link, unless the subscriber is active already. */
    public void resubscribe(SubscribersRecord s) {
        if (SubscriberStatus.ACTIVE == s.getStatus()) return;
        if (!background.submit("A resubscription", () -> {
            if (limits.allowMailTo(s.getEmail())) sendConfirmation(s, NoticeMails.Confirm.RESUBSCRIBE);
        })) {
            throw new Busy();
        }
    }

    /**
     * An editor's "resend the confirmation" for a reader who lost the mail: a fresh link (subscribe for a pending
     * address, resubscribe for one that left), through the same mail limits as a sign-up. False when the subscriber
     * is active and there is nothing to confirm.
     */
    public boolean resendConfirmation(SubscribersRecord s) {
        if (SubscriberStatus.ACTIVE == s.getStatus()) return false;
        NoticeMails.Confirm action = SubscriberStatus.PENDING == s.getStatus()
                ? NoticeMails.Confirm.SUBSCRIBE
                : NoticeMails.Confirm.RESUBSCRIBE;
        if (!background.submit("A confirmation resent", () -> {
            if (limits.allowMailTo(s.getEmail())) sendConfirmation(s, action);
        })) {
            throw new Busy();
        }
        return true;
    }

    /**
     * An operator's add (the REST API): active at once, or pending with the very confirmation mail a sign-up gets.
     * Unlike a sign-up it says what happened: an address already on the list or suppressed is refused (409).
     */
    public SubscribersRecord addByOperator(SubscriberInput in, boolean confirmFirst) {
        SubscribersRecord added =
                subscribers.add(in, confirmFirst ? SubscriberStatus.PENDING : SubscriberStatus.ACTIVE);
        SubscribersRecord s = subscribers.find(added.getId());
        if (confirmFirst) sendConfirmation(s, NoticeMails.Confirm.SUBSCRIBE);
        return s;
    }

    /**
     * An import of people who must confirm first: each is added as {@link #addByOperator} adds one, pending with a
     * confirmation mail, and refused for the same reasons.
     *
     * @return per input, in order: null when added, else the sentence refusing it
     */
    public List<String> addAllPending(List<SubscriberInput> inputs) {
        List<String> out = new java.util.ArrayList<>(inputs.size());
        for (SubscriberInput in : inputs) {
            try {
                addByOperator(in, true);
                out.add(null);
            } catch (InvalidInputException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    private void sendConfirmation(SubscribersRecord s, NoticeMails.Confirm action) {
        String token = confirmations.create(s, Confirmations.Purpose.SUBSCRIBE, null);
        notices.confirm(action, s.getId(), s.getEmail(), token, s.getLocale());
    }

    /**
     * Uses a subscribe confirmation: the subscriber becomes active ("confirmed" event for a new sign-up,
     * "resubscribed" for a comeback, whose watermark is cleared so the first digest holds recent picks, not
     * everything since they left). False when the link was used meanwhile.
     */
    public boolean activate(Confirmations.Pending p) {
        Activation done = transition(p);
        if (done == Activation.NEW_SUBSCRIBER && config.welcome()) {
            SubscribersRecord s = subscribers.find(p.subscriber().getId());
            // After the commit, and only for the one transaction that moved the row from pending: a second click,
            // a concurrent POST or another node finds the link used up or the subscriber active, and sends nothing.
            if (s == null
                    || !background.submit(
                            "A welcome",
                            () -> notices.welcome(
                                    s.getId(),
                                    s.getTokenVersion(),
                                    s.getEmail(),
                                    s.getName(),
                                    latestEdition(),
                                    s.getLocale()))) {
                log.warn(
                        "The welcome e-mail for subscriber #{} was not queued",
                        p.subscriber().getId());
            }
        }
        return done != Activation.USED_UP;
    }

    private enum Activation {
        USED_UP,
        ALREADY_ACTIVE,
        NEW_SUBSCRIBER,
        COMEBACK
    }

    private Activation transition(Confirmations.Pending p) {
        LocalDateTime now = now();
        long id = p.subscriber().getId();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            SubscriberStatus before = t.select(SUBSCRIBERS.STATUS)
                    .from(SUBSCRIBERS)
                    .where(SUBSCRIBERS.ID.eq(id))
                    .forUpdate()
                    .fetchOne(SUBSCRIBERS.STATUS);
            if (before == null || !confirmations.consume(t, p)) return Activation.USED_UP;
            if (SubscriberStatus.ACTIVE == before) return Activation.ALREADY_ACTIVE;
            boolean comeback = SubscriberStatus.PENDING != before;
            var update = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.STATUS, SubscriberStatus.ACTIVE)
                    .set(SUBSCRIBERS.CONFIRMED_AT, now)
                    .set(SUBSCRIBERS.UNSUBSCRIBED_AT, (LocalDateTime) null)
                    .set(SUBSCRIBERS.SOFT_BOUNCES, 0)
                    .set(SUBSCRIBERS.UPDATED_AT, now);
            if (comeback) {
                update = update.set(SUBSCRIBERS.WATERMARK, (LocalDateTime) null)
                        .set(SUBSCRIBERS.WATERMARK_SEQ, (Long) null);
            }
            update.where(SUBSCRIBERS.ID.eq(id)).execute();
            Events.record(t, id, comeback ? "resubscribed" : "confirmed", comeback ? "was " + before : null, null, now);
            Events.webhook(t, Outbox.SUBSCRIBER_CONFIRMED, id, comeback ? "resubscribed, was " + before : null, now);
            return comeback ? Activation.COMEBACK : Activation.NEW_SUBSCRIBER;
        });
    }

    /** The newest edition that went out to anyone, or null before the first. */
    private LocalDate latestEdition() {
        return db.select(DSL.max(EDITIONS.EDITION_DATE))
                .from(EDITIONS)
                .whereExists(DSL.selectOne()
                        .from(DELIVERIES)
                        .where(DELIVERIES.EDITION_ID.eq(EDITIONS.ID))
                        .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .fetchOne(0, LocalDate.class);
    }

    /**
     * Deletes expired confirmation links, then the pending subscribers left without one whose sign-up is older than
     * {@link Confirmations#VALIDITY}: an address nobody confirmed is not kept. Each removal leaves an "expired"
     * event without the address. Idempotent; run hourly.
     */
    /** The hourly clean-up of sign-ups nobody confirmed, for the cluster's scheduler. */
    public ScheduledTask expiryTask() {
        return new ScheduledTask("expire-signups", Schedules.HOURLY_AT_HALF_PAST, this::expire);
    }

    public void expire() {
        int links = confirmations.expire();
        LocalDateTime now = now();
        // FOR UPDATE: a sign-up adding a confirmation meanwhile waits for this transaction, then finds no subscriber.
        int expired = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<Long> ids = t.select(SUBSCRIBERS.ID)
                    .from(SUBSCRIBERS)
                    .where(SUBSCRIBERS.STATUS.eq(SubscriberStatus.PENDING))
                    .and(SUBSCRIBERS.CREATED_AT.lt(now.minus(Confirmations.VALIDITY)))
                    .andNotExists(
                            DSL.selectOne().from(CONFIRMATIONS).where(CONFIRMATIONS.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID)))
                    .limit(10_000)
                    .forUpdate()
                    .fetch(SUBSCRIBERS.ID);
            if (ids.isEmpty()) return 0;
            for (Long id : ids) Events.record(t, null, "expired", "unconfirmed sign-up #" + id, null, now);
            return t.deleteFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.in(ids)).execute();
        });
        if (links > 0 || expired > 0) {
            log.info("Expired {} unconfirmed sign-up(s) and {} unused confirmation link(s)", expired, links);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
