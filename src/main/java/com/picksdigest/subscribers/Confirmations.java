package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.CONFIRMATIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.generated.tables.records.ConfirmationsRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * Links that ask someone to confirm by opening them: a sign-up or resubscription, or a new address. Each link names
 * one row of the confirmations table and the subscriber's token version, signed with a key of its own (a link from a
 * digest can never pass for a confirmation link). A link works once, for {@link #VALIDITY}, and only while the
 * subscriber's token version is unchanged, so "sign out all links" and erasure revoke it too.
 */
public final class Confirmations {
    public static final Duration VALIDITY = Duration.ofDays(7);

    public enum Purpose {
        SUBSCRIBE,
        EMAIL;

        String db() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A confirmation still waiting, and whom it is for. */
    public record Pending(long id, Purpose purpose, String newEmail, SubscribersRecord subscriber) {}

    public sealed interface Lookup {}

    public record Found(Pending pending) implements Lookup {}

    /** The link was tampered with or cut short: 400. */
    public record Invalid() implements Lookup {}

    /** A genuine link that was used, expired, or revoked: 410. */
    public record Gone() implements Lookup {}

    private final DSLContext db;
    private final LinkTokens tokens;
    private final Clock clock;

    /** What the key of confirmation links is derived for (see {@link com.picksdigest.common.Hmac#derive}). */
    public static final String KEY_PURPOSE = "confirm";

    /**
     * @param tokens signs confirmation links with a key derived for {@link #KEY_PURPOSE} alone, so a subscriber's
     *               link can never pass for a confirmation link
     */
    public Confirmations(DSLContext db, LinkTokens tokens, Clock clock) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Stores a confirmation for {@code s} and returns the token of its link. */
    public String create(SubscribersRecord s, Purpose purpose, String newEmail) {
        LocalDateTime now = now();
        ConfirmationsRecord r = db.newRecord(CONFIRMATIONS);
        r.setSubscriberId(s.getId());
        r.setPurpose(purpose.db());
        r.setNewEmail(newEmail);
        r.setNewEmailKey(newEmail == null ? null : EmailAddresses.key(newEmail));
        r.setCreatedAt(now);
        r.setExpiresAt(now.plus(VALIDITY));
        r.store();
        return tokens.issue(r.getId(), s.getTokenVersion());
    }

    public Lookup find(String token) {
        if (!(tokens.verify(token) instanceof LinkTokens.Valid valid)) return new Invalid();
        var row = db.select(CONFIRMATIONS.ID, CONFIRMATIONS.PURPOSE, CONFIRMATIONS.NEW_EMAIL)
                .select(SUBSCRIBERS.fields())
                .from(CONFIRMATIONS)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(CONFIRMATIONS.SUBSCRIBER_ID))
                .where(CONFIRMATIONS.ID.eq(valid.subscriberId()))
                .and(CONFIRMATIONS.EXPIRES_AT.gt(now()))
                .fetchOne();
        if (row == null) return new Gone();
        SubscribersRecord s = row.into(SUBSCRIBERS);
        if (s.getTokenVersion() != valid.version()) return new Gone();
        return new Found(new Pending(
                row.get(CONFIRMATIONS.ID),
                Purpose.valueOf(row.get(CONFIRMATIONS.PURPOSE).toUpperCase(Locale.ROOT)),
                row.get(CONFIRMATIONS.NEW_EMAIL),
                s));
    }

    /**
     * Uses up every confirmation of this purpose for the subscriber, inside the caller's transaction; false when
     * {@code p} itself was already used (a double click, a second node), so its action must not run twice.
     */
    boolean consume(DSLContext tx, Pending p) {
        if (tx.deleteFrom(CONFIRMATIONS).where(CONFIRMATIONS.ID.eq(p.id())).execute() == 0) return false;
        tx.deleteFrom(CONFIRMATIONS)
                .where(CONFIRMATIONS.SUBSCRIBER_ID.eq(p.subscriber().getId()))
                .and(CONFIRMATIONS.PURPOSE.eq(p.purpose().db()))
                .execute();
        return true;
    }

    /** Deletes the confirmations whose links have expired; returns how many. */
    int expire() {
        return db.deleteFrom(CONFIRMATIONS)
                .where(CONFIRMATIONS.EXPIRES_AT.le(now()))
                .execute();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
