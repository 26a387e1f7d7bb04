package com.picksdigest.api;

import static com.picksdigest.db.generated.Tables.API_IDEMPOTENCY;

import com.picksdigest.db.generated.tables.records.ApiIdempotencyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The first answer to a create sent with an Idempotency-Key, kept for a day: a retry with the same key and the same
 * request gets that answer again and creates nothing. The key is claimed by inserting its row before the work
 * starts, so two copies of a request sent at once cannot both create: the second is told the first is under way.
 */
public final class Idempotency {
    public static final Duration KEPT = Duration.ofHours(24);

    private final DSLContext db;
    private final Clock clock;

    public Idempotency(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A stored answer. */
    public record Answer(int status, String location, String body) {}

    public sealed interface Claim {}

    /** This request is the first: do the work, then {@link #finish} (or {@link #release} when it failed). */
    public record First() implements Claim {}

    /** Done before with the same request: answer this. */
    public record Replay(Answer answer) implements Claim {}

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {}

    /** The first request with this key is still being handled. */
    public record InProgress() implements Claim {}

    public Claim claim(long keyId, String idemKey, String requestHash) {
        LocalDateTime now = now();
        db.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId))
                .and(API_IDEMPOTENCY.IDEM_KEY.eq(idemKey))
                .and(API_IDEMPOTENCY.EXPIRES_AT.le(now))
                .execute();
        // a few of everyone's expired answers go each time, so the table never needs a task of its own
        db.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.EXPIRES_AT.le(now))
                .limit(100)
                .execute();
        try {
            db.insertInto(API_IDEMPOTENCY)
                    .set(API_IDEMPOTENCY.KEY_ID, keyId)
                    .set(API_IDEMPOTENCY.IDEM_KEY, idemKey)
                    .set(API_IDEMPOTENCY.REQUEST_HASH, requestHash)
                    .set(API_IDEMPOTENCY.CREATED_AT, now)
                    .set(API_IDEMPOTENCY.EXPIRES_AT, now.plus(KEPT))
                    .execute();
            return new First();
        } catch (IntegrityConstraintViolationException taken) {
            ApiIdempotencyRecord r = db.selectFrom(API_IDEMPOTENCY)
                    .where(API_IDEMPOTENCY.KEY_ID.eq(keyId))
                    .and(API_IDEMPOTENCY.IDEM_KEY.eq(idemKey))
                    .fetchAny();
            if (r == null) return claim(keyId, idemKey, requestHash); // expired and removed meanwhile
            if (!r.getRequestHash().equals(requestHash)) return new Mismatch();
            if (r.getStatus() == null) return new InProgress();
            return new Replay(new Answer(r.getStatus(), r.getLocation(), r.getBody()));
        }
    }

    public void finish(long keyId, String idemKey, Answer a) {
        db.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.STATUS, a.status())
                .set(API_IDEMPOTENCY.LOCATION, a.location())
                .set(API_IDEMPOTENCY.BODY, a.body())
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId))
                .and(API_IDEMPOTENCY.IDEM_KEY.eq(idemKey))
                .execute();
    }

    /** The work failed on our side: a retry may try again. */
    public void release(long keyId, String idemKey) {
        db.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId))
                .and(API_IDEMPOTENCY.IDEM_KEY.eq(idemKey))
                .execute();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
