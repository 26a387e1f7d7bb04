package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a subscriber changes about their subscription from the preference centre besides the preferences
 * themselves: a pause, a new address (confirmed from the new mailbox), and signing out every link. Each change
 * is one transaction with its event.
 */
public final class AccountChanges {
    private static final Logger log = LoggerFactory.getLogger(AccountChanges.class);
    public static final int MAX_PAUSE_WEEKS = 52;

    private final DSLContext db;
    private final SubscriberService subscribers;
    private final Confirmations confirmations;
    private final Suppressions suppressions;
    private final NoticeMails notices;
    private final Background background;
    private final MailLimits limits;
    private final Clock clock;

    public AccountChanges(
            DSLContext db,
            SubscriberService subscribers,
            Confirmations confirmations,
            NoticeMails notices,
            Background background,
            MailLimits limits,
            Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.confirmations = confirmations;
        this.suppressions = new Suppressions(db);
        this.notices = notices;
        this.background = background;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * No digests until {@code weeks} weeks from today in the subscriber's time zone (the digest of that day comes
     * again); 0 ends a pause. Returns the day digests start again, or null when not paused.
     */
    public LocalDate pause(SubscribersRecord s, int weeks) {
        if (weeks < 0 || weeks > MAX_PAUSE_WEEKS) {
            throw new InvalidInputException("A pause lasts from 1 to " + MAX_PAUSE_WEEKS + " weeks.");
        }
        LocalDate until = weeks == 0
                ? null
                : clock.instant()
                        .atZone(ZoneId.of(s.getTimezone()))
                        .toLocalDate()
                        .plusWeeks(weeks);
        LocalDateTime now = now();
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            int n = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.PAUSED_UNTIL, until)
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .and(until == null ? SUBSCRIBERS.PAUSED_UNTIL.isNotNull() : DSL.noCondition())
                    .execute();
            if (n > 0) {
                Events.record(
                        t,
                        s.getId(),
                        until == null ? "resumed" : "paused",
                        until == null ? null : "until " + until,
                        null,
                        now);
            }
        });
        return until;
    }

    /**
     * Revokes every link the subscriber holds (digests, confirmation mails) by moving to a new token version, and
     * mails the new links to the subscriber's own address only: someone who got hold of an old link and pressed the
     * button must not walk away with the new one. A second click (the version moved already) changes nothing.
     */
    public void signOutAllLinks(SubscribersRecord s) {
        LocalDateTime now = now();
        boolean rotated = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            int n = t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.TOKEN_VERSION, SUBSCRIBERS.TOKEN_VERSION.plus(1))
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(s.getId()))
                    .and(SUBSCRIBERS.TOKEN_VERSION.eq(s.getTokenVersion()))
                    .execute();
            if (n > 0) {
                Events.record(t, s.getId(), "links_rotated", null, null, now);
            }
            return n > 0;
        });
        if (!rotated) return;
        int version = s.getTokenVersion() + 1;
        boolean queued = background.submit("Mailing new links", () -> {
            if (limits.allowMailTo(s.getEmail())) {
                notices.manage(
                        NoticeMails.Manage.NEW_LINKS, s.getId(), version, s.getEmail(), s.getName(), s.getLocale());
            }
        });
        if (!queued) {
            log.warn(
                    "Subscriber #{} signed out all links; the queue was full, so their next digest brings the new ones",
                    s.getId());
        }
    }

    /**
     * Asks the new address to confirm the change. The answer is the same whatever happens next: an address that is
     * suppressed gets nothing, one that is subscribed on its own gets its own links, any other gets the link.
     */
    public void requestEmailChange(SubscribersRecord s, String rawNewEmail) {
        String email = EmailAddresses.parse(rawNewEmail);
        if (EmailAddresses.key(email).equals(s.getEmailKey())) {
            throw new InvalidInputException("That is already the address of this subscription.");
        }
        if (!background.submit("An address change", () -> mailNewAddress(s, email))) throw new Signups.Busy();
    }

    private void mailNewAddress(SubscribersRecord s, String email) {
        if (!limits.allowMailTo(email)) return;
        if (suppressions.contains(email)) {
            log.info("Subscriber #{} asked to move to a suppressed (erased) address; nothing was sent", s.getId());
            return;
        }
        SubscribersRecord other = subscribers.findByEmail(email);
        if (other != null) {
            notices.manage(
                    NoticeMails.Manage.ALREADY_SUBSCRIBED,
                    other.getId(),
                    other.getTokenVersion(),
                    other.getEmail(),
                    // a pending sign-up's name came with an address nobody has confirmed
                    SubscriberStatus.PENDING == other.getStatus() ? null : other.getName(),
                    other.getLocale());
            return;
        }
        String token = confirmations.create(s, Confirmations.Purpose.EMAIL, email);
        notices.confirm(NoticeMails.Confirm.EMAIL, s.getId(), email, token, s.getLocale());
    }

    /**
     * Uses an address confirmation: the subscriber's address becomes the confirmed one, and their token version
     * moves on (links in mail at the old address stop working). Returns the updated subscriber, or null when the
     * link was used meanwhile; InvalidInputException when the address was taken or suppressed since.
     */
    public SubscribersRecord applyEmailChange(Confirmations.Pending p) {
        String email = p.newEmail();
        String key = EmailAddresses.key(email);
        long id = p.subscriber().getId();
        LocalDateTime now = now();
        if (suppressions.contains(email)) {
            throw new InvalidInputException(
                    "This address cannot be used: its earlier subscriber asked for their " + "data to be erased.");
        }
        boolean done = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            String old = t.select(SUBSCRIBERS.EMAIL)
                    .from(SUBSCRIBERS)
                    .where(SUBSCRIBERS.ID.eq(id))
                    .forUpdate()
                    .fetchOne(SUBSCRIBERS.EMAIL);
            if (old == null || !confirmations.consume(t, p)) return false;
            if (t.fetchExists(SUBSCRIBERS, SUBSCRIBERS.EMAIL_KEY.eq(key).and(SUBSCRIBERS.ID.ne(id)))) {
                throw new InvalidInputException(
                        email + " is subscribed on its own now. Unsubscribe it first, or " + "choose another address.");
            }
            t.update(SUBSCRIBERS)
                    .set(SUBSCRIBERS.EMAIL, email)
                    .set(SUBSCRIBERS.EMAIL_KEY, key)
                    .set(SUBSCRIBERS.TOKEN_VERSION, SUBSCRIBERS.TOKEN_VERSION.plus(1))
                    .set(SUBSCRIBERS.SOFT_BOUNCES, 0)
                    .set(SUBSCRIBERS.UPDATED_AT, now)
                    .where(SUBSCRIBERS.ID.eq(id))
                    .execute();
            Events.record(t, id, "email_changed", "from " + old + " to " + email, null, now);
            return true;
        });
        return done ? subscribers.find(id) : null;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
