package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.Deadlocks;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.digest.DigestPlanner;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The deliveries table: claiming work, and recording how each delivery ended. Every state change is guarded
 * by the state it expects, so a stale worker can never overwrite a newer outcome.
 */
public final class DeliveryLedger {
    /** recordSent's statement texts by {@link #recordSentKey}. */
    private static final Map<Integer, String> RECORD_SENT = new ConcurrentHashMap<>();

    private final DSLContext db;

    public DeliveryLedger(DSLContext db) {
        this.db = db;
    }

    /**
     * Takes up to {@code limit} due deliveries for this node. SKIP LOCKED lets several workers and processes
     * claim side by side without waiting on each other or taking the same row.
     */
    public List<Claim> claim(String nodeId, int limit, LocalDateTime now) {
        return Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<Long> ids = t.select(DELIVERIES.ID)
                    .from(DELIVERIES)
                    .where(DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED))
                    .and(DELIVERIES.NEXT_ATTEMPT_AT.le(now))
                    .orderBy(DELIVERIES.NEXT_ATTEMPT_AT, DELIVERIES.ID)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked()
                    .fetch(DELIVERIES.ID);
            if (ids.isEmpty()) return List.of();
            t.update(DELIVERIES)
                    .set(DELIVERIES.STATUS, DeliveryStatus.SENDING)
                    .set(DELIVERIES.CLAIMED_BY, nodeId)
                    .set(DELIVERIES.CLAIMED_AT, now)
                    .set(DELIVERIES.ATTEMPTS, DELIVERIES.ATTEMPTS.plus(1))
                    .set(DELIVERIES.UPDATED_AT, now)
                    .where(DELIVERIES.ID.in(ids))
                    .execute();
            return t.select(
                            DELIVERIES.ID,
                            DELIVERIES.ATTEMPTS,
                            EDITIONS.EDITION_DATE,
                            SUBSCRIBERS.ID,
                            SUBSCRIBERS.EMAIL,
                            SUBSCRIBERS.NAME,
                            SUBSCRIBERS.STATUS,
                            SUBSCRIBERS.TIMEZONE,
                            SUBSCRIBERS.LOCALE,
                            SUBSCRIBERS.FORMAT,
                            SUBSCRIBERS.FREQUENCY,
                            SUBSCRIBERS.WATERMARK_SEQ,
                            SUBSCRIBERS.WATERMARK,
                            SUBSCRIBERS.TOKEN_VERSION)
                    .from(DELIVERIES)
                    .join(SUBSCRIBERS)
                    .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                    .join(EDITIONS)
                    .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                    .where(DELIVERIES.ID.in(ids))
                    .orderBy(DELIVERIES.ID)
                    .fetch(r -> new Claim(
                            r.value1(),
                            r.value2(),
                            r.value3(),
                            r.value4(),
                            r.value5(),
                            r.value6(),
                            r.value7(),
                            r.value8(),
                            r.value9(),
                            r.value10(),
                            r.value11(),
                            DigestPlanner.seen(r.value12(), r.value13()),
                            r.value14()));
        }));
    }

    /** Puts back claims whose worker went away (crash, kill, lost connection) so another can take them. */
    public int releaseStale(LocalDateTime now, Duration timeout) {
        return db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED)
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))
                .and(DELIVERIES.CLAIMED_AT.lt(now.minus(timeout)))
                .execute();
    }

    /** Gives back this node's unfinished claims on a graceful stop; attempts are not counted against them. */
    public int releaseOwn(String nodeId, LocalDateTime now) {
        return db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED)
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.ATTEMPTS, DSL.greatest(DELIVERIES.ATTEMPTS.minus(1), DSL.inline(0)))
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))
                .and(DELIVERIES.CLAIMED_BY.eq(nodeId))
                .execute();
    }

    /** Gives back claims this worker has not started on; as with {@link #releaseOwn}, the attempt does not count. */
    public int release(List<Claim> claims, LocalDateTime now) {
        return Deadlocks.retry(() -> db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED)
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.ATTEMPTS, DSL.greatest(DELIVERIES.ATTEMPTS.minus(1), DSL.inline(0)))
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.ID.in(claims.stream().map(Claim::deliveryId).toList()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))
                .execute());
    }

    /**
     * A 250 waiting to be written: what {@link #recordSent} needs of it.
     *
     * @param cut      how far the digest reached: the subscriber's new watermark
     * @param digestId the row in {@code digests} holding the picks this delivery carried
     */
    public record Sent(
            Claim claim, String messageId, String reply, DigestPlanner.Cut cut, long digestId, String relay) {}

    /**
     * An outcome other than sent or retry: skipped, failed, suppressed.
     *
     * @param relay the relay that refused it, or null when it never reached one
     */
    public record Finished(Claim claim, DeliveryStatus status, String reply, String relay) {
        public Finished(Claim claim, DeliveryStatus status, String reply) {
            this(claim, status, reply, null);
        }
    }

    /**
     * Records many 250s in one statement: deliveries (with the digest each carried) and their subscribers'
     * watermarks in one multi-table UPDATE (only rows still in 'sending'). A watermark only moves forward, each of
     * its two halves (publication number, time) on its own.
     *
     * <p>Plain SQL whose text depends only on the number of rows, on purpose: at a few hundred rows a flush,
     * rendering the same statement as jOOQ CASE trees, and then Connector/J parsing a new text every time,
     * took over a third of a send worker's time in the profile. A constant text is parsed once per connection
     * (cachePrepStmts).
     */
    public void recordSent(List<Sent> sent, LocalDateTime now) {
        if (sent.isEmpty()) return;
        DigestPlanner.Cut first = sent.get(0).cut();
        // one claimed batch is one plan, so usually one cut for all
        boolean oneCut = sent.stream().allMatch(s -> s.cut().equals(first));
        List<Object> time =
                oneCut ? List.of(first.time()) : whenThen(sent, s -> s.cut().time());
        List<Object> seq =
                oneCut ? List.of(first.seq()) : whenThen(sent, s -> s.cut().seq());
        // and usually one relay for a whole flush: a worker stays on its relay
        String relay = sent.get(0).relay();
        boolean oneRelay = sent.stream().allMatch(s -> Objects.equals(s.relay(), relay));
        List<Object> binds = new ArrayList<>(sent.size() * 15 + 8);
        binds.addAll(whenThen(sent, Sent::messageId));
        binds.addAll(whenThen(sent, s -> clip(s.reply())));
        binds.addAll(whenThen(sent, Sent::digestId));
        if (oneRelay) binds.add(relay);
        else binds.addAll(whenThen(sent, Sent::relay));
        binds.addAll(time);
        binds.addAll(seq);
        binds.add(now);
        binds.add(now);
        // the expressions again rather than d.picks_through: a multi-table UPDATE assigns in no promised order
        binds.addAll(time);
        binds.addAll(time);
        binds.addAll(seq);
        binds.addAll(seq);
        for (Sent s : sent) binds.add(s.claim().deliveryId());
        String update = RECORD_SENT.computeIfAbsent(
                recordSentKey(sent.size(), oneCut, oneRelay), k -> recordSentSql(sent.size(), oneCut, oneRelay));
        Object[] values = binds.toArray();
        Deadlocks.retry(() -> db.execute(update, values));
    }

    /** The bind values of a {@code CASE d.id WHEN ? THEN ? ...}: each delivery's id and its value. */
    private static List<Object> whenThen(List<Sent> sent, Function<Sent, Object> value) {
        List<Object> binds = new ArrayList<>(sent.size() * 2);
        for (Sent s : sent) {
            binds.add(s.claim().deliveryId());
            binds.add(value.apply(s));
        }
        return binds;
    }

    private static int recordSentKey(int rows, boolean oneCut, boolean oneRelay) {
        return rows * 4 + (oneCut ? 0 : 1) + (oneRelay ? 0 : 2);
    }

    private static String recordSentSql(int rows, boolean oneCut, boolean oneRelay) {
        String whenThen = " WHEN ? THEN ?".repeat(rows);
        String value = oneCut ? "?" : "CASE d.id" + whenThen + " END";
        return "UPDATE deliveries d JOIN subscribers s ON s.id = d.subscriber_id SET"
                + " d.message_id = CASE d.id" + whenThen + " ELSE d.message_id END,"
                + " d.last_reply = CASE d.id" + whenThen + " ELSE d.last_reply END,"
                + " d.digest_id = CASE d.id" + whenThen + " ELSE d.digest_id END,"
                + " d.relay = " + (oneRelay ? "?" : "CASE d.id" + whenThen + " END") + ","
                + " d.picks_through = " + value + ", d.picks_through_seq = " + value + ","
                + " d.status = '" + DeliveryStatus.SENT.stored() + "', d.sent_at = ?, d.updated_at = ?,"
                + " s.watermark = GREATEST(COALESCE(s.watermark, " + value + "), " + value + "),"
                + " s.watermark_seq = GREATEST(COALESCE(s.watermark_seq, " + value + "), " + value + "),"
                + " s.soft_bounces = 0"
                + " WHERE d.id IN (" + "?,".repeat(rows - 1) + "?) AND d.status = '" + DeliveryStatus.SENDING.stored()
                + "'";
    }

    /** Records many skipped/failed/suppressed outcomes in one statement. */
    public void recordFinished(List<Finished> finished, LocalDateTime now) {
        if (finished.isEmpty()) return;
        var status = DSL.choose(DELIVERIES.ID);
        var reply = DSL.choose(DELIVERIES.ID);
        org.jooq.CaseWhenStep<Long, DeliveryStatus> st = null;
        org.jooq.CaseWhenStep<Long, String> rep = null;
        for (Finished f : finished) {
            long id = f.claim().deliveryId();
            st = st == null ? status.when(id, f.status()) : st.when(id, f.status());
            rep = rep == null ? reply.when(id, clip(f.reply())) : rep.when(id, clip(f.reply()));
        }
        var stF = st.otherwise(DELIVERIES.STATUS);
        var repF = rep.otherwise(DELIVERIES.LAST_REPLY);
        org.jooq.CaseWhenStep<Long, String> rel = null;
        for (Finished f : finished) {
            if (f.relay() == null) continue;
            long id = f.claim().deliveryId();
            rel = rel == null ? DSL.choose(DELIVERIES.ID).when(id, f.relay()) : rel.when(id, f.relay());
        }
        Field<String> relF = rel == null ? DELIVERIES.RELAY : rel.otherwise(DELIVERIES.RELAY);
        Deadlocks.retry(() -> db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, stF)
                .set(DELIVERIES.LAST_REPLY, repF)
                .set(DELIVERIES.RELAY, relF)
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.ID.in(
                        finished.stream().map(f -> f.claim().deliveryId()).toList()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))
                .execute());
    }

    /** What a retry's time budget is computed from: when the delivery was created and the subscriber's send hour. */
    public record RetryFacts(LocalDateTime created, int sendHour) {}

    /** Read only on the retry path (a transient failure), so that claims carry nothing the fast path never uses. */
    public RetryFacts retryFacts(long deliveryId) {
        return db.select(DELIVERIES.CREATED_AT, SUBSCRIBERS.SEND_HOUR)
                .from(DELIVERIES)
                .join(SUBSCRIBERS)
                .on(SUBSCRIBERS.ID.eq(DELIVERIES.SUBSCRIBER_ID))
                .where(DELIVERIES.ID.eq(deliveryId))
                .fetchOne(r -> new RetryFacts(r.value1(), r.value2()));
    }

    /** A transient failure from {@code relay}: back to the queue at {@code retryAt}. */
    public void markRetry(Claim c, String reply, String relay, LocalDateTime retryAt, LocalDateTime now) {
        requeue(c, reply, DSL.val(relay, DELIVERIES.RELAY), retryAt, now, DELIVERIES.ATTEMPTS);
    }

    /**
     * No relay was available: back to the queue at {@code retryAt}, and the attempt, which never reached one, does
     * not count. The relay of an earlier answer, if any, stays.
     */
    public void markDeferred(Claim c, String reply, LocalDateTime retryAt, LocalDateTime now) {
        requeue(c, reply, DELIVERIES.RELAY, retryAt, now, DSL.greatest(DELIVERIES.ATTEMPTS.minus(1), DSL.inline(0)));
    }

    private void requeue(
            Claim c,
            String reply,
            Field<String> relay,
            LocalDateTime retryAt,
            LocalDateTime now,
            Field<Integer> attempts) {
        Deadlocks.retry(() -> db.update(DELIVERIES)
                .set(DELIVERIES.STATUS, DeliveryStatus.QUEUED)
                .set(DELIVERIES.CLAIMED_BY, (String) null)
                .set(DELIVERIES.NEXT_ATTEMPT_AT, retryAt)
                .set(DELIVERIES.LAST_REPLY, clip(reply))
                .set(DELIVERIES.RELAY, relay)
                .set(DELIVERIES.ATTEMPTS, attempts)
                .set(DELIVERIES.UPDATED_AT, now)
                .where(DELIVERIES.ID.eq(c.deliveryId()))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENDING))
                .execute());
    }

    /** Deliveries still to be sent: queued (now or for a later retry) or claimed. */
    public int outstanding() {
        return db.fetchCount(DELIVERIES, DELIVERIES.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING));
    }

    /** Deliveries a worker could take or is working on right now; retries waiting for later are not counted. */
    public int workable(LocalDateTime now) {
        return db.fetchCount(
                DELIVERIES,
                DELIVERIES
                        .STATUS
                        .eq(DeliveryStatus.SENDING)
                        .or(DELIVERIES.STATUS.eq(DeliveryStatus.QUEUED).and(DELIVERIES.NEXT_ATTEMPT_AT.le(now))));
    }

    static String clip(String s) {
        if (s == null) return null;
        String one = s.replaceAll("[\\r\\n]+", " ").strip();
        return one.length() > 1000 ? one.substring(0, 1000) : one;
    }
}
