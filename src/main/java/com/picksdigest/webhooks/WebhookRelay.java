package com.picksdigest.webhooks;

import static com.picksdigest.db.generated.Tables.WEBHOOK_DELIVERIES;
import static com.picksdigest.db.generated.Tables.WEBHOOK_ENDPOINTS;
import static com.picksdigest.db.generated.Tables.WEBHOOK_EVENTS;

import com.picksdigest.config.WebhookConfig;
import com.picksdigest.db.Deadlocks;
import com.picksdigest.db.generated.tables.WebhookDeliveries;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundException;
import com.picksdigest.outbound.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook deliveries the outbox queued, from every process of the cluster at once: a delivery is claimed
 * in the database ({@code FOR UPDATE SKIP LOCKED}, then marked with this node and the time) before it is sent, so
 * no two nodes send it at the same time, and a claim whose node died goes back to the queue after
 * {@link #CLAIM_TIMEOUT}. At least once: a node killed between the receiver's 2xx and the record sends it again,
 * with the same {@code webhook-id}. One subject's events (one subscriber's, say) reach an endpoint in order: a
 * delivery is only claimed when no earlier one for the same endpoint and subject is still queued or being sent.
 */
public final class WebhookRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);
    static final String QUEUED = "queued";
    static final String SENDING = "sending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    /** Much longer than one attempt's deadline: a claim older than this belongs to a dead node. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration KEEP = Duration.ofDays(30);
    private static final int BATCH = 10;

    private final DSLContext db;
    private final GuardedHttp http;
    private final WebhookConfig config;
    private final String nodeId;
    private final String userAgent;
    private final Clock clock;
    private final Object idle = new Object();
    private volatile ExecutorService pool;
    private volatile boolean stopping;
    private volatile LocalDateTime lastCleanUp;

    public WebhookRelay(
            DSLContext db, GuardedHttp http, WebhookConfig config, String nodeId, String userAgent, Clock clock) {
        this.db = db;
        this.http = http;
        this.config = config;
        this.nodeId = nodeId;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    /** Starts the loops; claims an earlier life of this node left are taken back first. */
    public synchronized WebhookRelay start() {
        if (pool != null) return this;
        int released = db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATE, QUEUED)
                .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                .where(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                .and(WEBHOOK_DELIVERIES.CLAIMED_BY.eq(nodeId))
                .execute();
        if (released > 0) log.info("Webhooks: {} deliveries claimed before a restart are queued again", released);
        pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "webhooks");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < config.threads(); i++) pool.submit(this::loop);
        return this;
    }

    /** Wakes the loops now rather than at their next poll (a test that moved the clock, an event just queued). */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                if (runOnce() == 0) {
                    synchronized (idle) {
                        if (!stopping) idle.wait(IDLE_POLL.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Webhooks: a round failed, trying again shortly: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One round: gives back dead nodes' claims, claims a batch and sends it. @return deliveries attempted */
    public int runOnce() {
        LocalDateTime now = now();
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATE, QUEUED)
                .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                .where(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                .and(WEBHOOK_DELIVERIES.CLAIMED_AT.lt(now.minus(CLAIM_TIMEOUT)))
                .execute();
        cleanUp(now);
        List<Long> claimed = Deadlocks.retry(() -> claim(now));
        for (Long id : claimed) {
            if (stopping) {
                giveBack(id);
                continue;
            }
            attempt(id);
        }
        return claimed.size();
    }

    private List<Long> claim(LocalDateTime now) {
        List<Long> endpoints = db.select(WEBHOOK_ENDPOINTS.ID)
                .from(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ENABLED.isTrue())
                .and(WEBHOOK_ENDPOINTS.PAUSED_AT.isNull())
                .fetch(WEBHOOK_ENDPOINTS.ID);
        if (endpoints.isEmpty()) return List.of();
        WebhookDeliveries d = WEBHOOK_DELIVERIES;
        WebhookDeliveries earlier = WEBHOOK_DELIVERIES.as("earlier");
        // Which deliveries are next in their subject's order: a plain read, so nothing in the subquery is locked.
        List<Long> next = db.select(d.ID)
                .from(d)
                .where(d.STATE.eq(QUEUED))
                .and(d.NEXT_ATTEMPT_AT.le(now))
                .and(d.ENDPOINT_ID.in(endpoints))
                .andNotExists(DSL.selectOne()
                        .from(earlier)
                        .where(earlier.ENDPOINT_ID.eq(d.ENDPOINT_ID))
                        .and(earlier.SUBJECT.eq(d.SUBJECT))
                        .and(earlier.ID.lt(d.ID))
                        .and(earlier.STATE.in(QUEUED, SENDING)))
                .orderBy(d.NEXT_ATTEMPT_AT, d.ID)
                .limit(BATCH)
                .fetch(d.ID);
        if (next.isEmpty()) return List.of();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            // The locking read sees the latest commits: a delivery another node took meanwhile is no longer queued.
            List<Long> ids = t.select(d.ID)
                    .from(d)
                    .where(d.ID.in(next))
                    .and(d.STATE.eq(QUEUED))
                    .orderBy(d.ID)
                    .forUpdate()
                    .skipLocked()
                    .fetch(d.ID);
            if (ids.isEmpty()) return List.of();
            t.update(d)
                    .set(d.STATE, SENDING)
                    .set(d.CLAIMED_BY, nodeId)
                    .set(d.CLAIMED_AT, now)
                    .where(d.ID.in(ids))
                    .execute();
            return ids;
        });
    }

    private void attempt(long deliveryId) {
        Record r = db.select(
                        WEBHOOK_DELIVERIES.ENDPOINT_ID,
                        WEBHOOK_DELIVERIES.ATTEMPTS,
                        WEBHOOK_DELIVERIES.GIVE_UP_AT,
                        WEBHOOK_EVENTS.MESSAGE_ID,
                        WEBHOOK_EVENTS.EVENT_TYPE,
                        WEBHOOK_EVENTS.PAYLOAD,
                        WEBHOOK_ENDPOINTS.URL,
                        WEBHOOK_ENDPOINTS.SECRET)
                .from(WEBHOOK_DELIVERIES)
                .join(WEBHOOK_EVENTS)
                .on(WEBHOOK_EVENTS.ID.eq(WEBHOOK_DELIVERIES.EVENT_ID))
                .join(WEBHOOK_ENDPOINTS)
                .on(WEBHOOK_ENDPOINTS.ID.eq(WEBHOOK_DELIVERIES.ENDPOINT_ID))
                .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
                .fetchOne();
        if (r == null) return; // the endpoint was removed meanwhile
        byte[] body = r.get(WEBHOOK_EVENTS.PAYLOAD).getBytes(StandardCharsets.UTF_8);
        String messageId = r.get(WEBHOOK_EVENTS.MESSAGE_ID);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.sign(r.get(WEBHOOK_ENDPOINTS.SECRET), messageId, timestamp, body));
        Integer status = null;
        String error = null;
        try {
            Response answer = http.post(URI.create(r.get(WEBHOOK_ENDPOINTS.URL)), headers, body);
            status = answer.status();
            if (status < 200 || status > 299) error = "answered " + status;
        } catch (OutboundException e) {
            error = e.getMessage();
        }
        LocalDateTime now = now();
        long endpointId = r.get(WEBHOOK_DELIVERIES.ENDPOINT_ID);
        if (error == null) {
            delivered(deliveryId, endpointId, status, now);
        } else {
            failed(
                    deliveryId,
                    endpointId,
                    r.get(WEBHOOK_DELIVERIES.ATTEMPTS) + 1,
                    r.get(WEBHOOK_DELIVERIES.GIVE_UP_AT),
                    r.get(WEBHOOK_EVENTS.EVENT_TYPE),
                    status,
                    error,
                    now);
        }
    }

    private void delivered(long deliveryId, long endpointId, int status, LocalDateTime now) {
        Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.update(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.STATE, DELIVERED)
                    .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                    .set(WEBHOOK_DELIVERIES.LAST_STATUS, status)
                    .set(WEBHOOK_DELIVERIES.LAST_ERROR, (String) null)
                    .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, now)
                    .set(WEBHOOK_DELIVERIES.DELIVERED_AT, now)
                    .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                    .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
                    .and(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                    .execute();
            return t.update(WEBHOOK_ENDPOINTS)
                    .set(WEBHOOK_ENDPOINTS.LAST_STATUS, status)
                    .set(WEBHOOK_ENDPOINTS.LAST_ERROR, (String) null)
                    .set(WEBHOOK_ENDPOINTS.LAST_ATTEMPT_AT, now)
                    .set(WEBHOOK_ENDPOINTS.LAST_SUCCESS_AT, now)
                    .set(WEBHOOK_ENDPOINTS.FAILING_SINCE, (LocalDateTime) null)
                    .set(WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES, 0)
                    .where(WEBHOOK_ENDPOINTS.ID.eq(endpointId))
                    .execute();
        }));
    }

    private void failed(
            long deliveryId,
            long endpointId,
            int attempts,
            LocalDateTime giveUpAt,
            String type,
            Integer status,
            String error,
            LocalDateTime now) {
        boolean giveUp = !now.isBefore(giveUpAt);
        String why = clip(error);
        String paused = Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.update(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.STATE, giveUp ? FAILED : QUEUED)
                    .set(WEBHOOK_DELIVERIES.ATTEMPTS, attempts)
                    .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now.plus(backoff(attempts)))
                    .set(WEBHOOK_DELIVERIES.LAST_STATUS, status)
                    .set(WEBHOOK_DELIVERIES.LAST_ERROR, why)
                    .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, now)
                    .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                    .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
                    .and(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                    .execute();
            var e = t.selectFrom(WEBHOOK_ENDPOINTS)
                    .where(WEBHOOK_ENDPOINTS.ID.eq(endpointId))
                    .forUpdate()
                    .fetchOne();
            if (e == null) return null;
            e.setLastStatus(status);
            e.setLastError(why);
            e.setLastAttemptAt(now);
            e.setConsecutiveFailures(e.getConsecutiveFailures() + 1);
            if (e.getFailingSince() == null) e.setFailingSince(now);
            String reason = null;
            if (e.getPausedAt() == null
                    && e.getConsecutiveFailures() >= WebhookConfig.PAUSE_MIN_FAILURES
                    && !e.getFailingSince().plus(config.pauseAfter()).isAfter(now)) {
                reason = "paused after " + e.getConsecutiveFailures() + " failures in a row since "
                        + e.getFailingSince().toInstant(ZoneOffset.UTC) + " (last: " + why + ")";
                e.setPausedAt(now);
                e.setPausedReason(clip(reason));
            }
            e.store();
            return reason;
        }));
        if (giveUp) {
            log.warn("Webhooks: gave up on {} to endpoint #{} after {} attempts: {}", type, endpointId, attempts, why);
        }
        if (paused != null) log.warn("Webhooks: endpoint #{} {}", endpointId, paused);
    }

    /** Exponential from 5 s, at most an hour, with jitter so that many deliveries failing together spread out. */
    static Duration backoff(int attempts) {
        long base = FIRST_RETRY.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, LONGEST_RETRY.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void giveBack(long deliveryId) {
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATE, QUEUED)
                .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
                .and(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                .execute();
    }

    /** Hourly: events older than {@link #KEEP} with nothing left to send go, with their delivery log. */
    private void cleanUp(LocalDateTime now) {
        LocalDateTime last = lastCleanUp;
        if (last != null && last.isAfter(now.minusHours(1))) return;
        lastCleanUp = now;
        List<Long> old = new ArrayList<>(db.select(WEBHOOK_EVENTS.ID)
                .from(WEBHOOK_EVENTS)
                .where(WEBHOOK_EVENTS.CREATED_AT.lt(now.minus(KEEP)))
                .andNotExists(DSL.selectOne()
                        .from(WEBHOOK_DELIVERIES)
                        .where(WEBHOOK_DELIVERIES.EVENT_ID.eq(WEBHOOK_EVENTS.ID))
                        .and(WEBHOOK_DELIVERIES.STATE.in(QUEUED, SENDING)))
                .limit(10_000)
                .fetch(WEBHOOK_EVENTS.ID));
        if (!old.isEmpty())
            db.deleteFrom(WEBHOOK_EVENTS).where(WEBHOOK_EVENTS.ID.in(old)).execute();
    }

    private static String clip(String s) {
        if (s == null) return null;
        String one = s.replaceAll("[\\r\\n]+", " ").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Stops the loops; a delivery being sent finishes (its deadline bounds the wait), the rest stay queued. */
    @Override
    public void close() {
        stopping = true;
        wake();
        ExecutorService p = pool;
        if (p == null) return;
        p.shutdown();
        try {
            if (!p.awaitTermination(config.timeout().toSeconds() + 5, TimeUnit.SECONDS)) p.shutdownNow();
        } catch (InterruptedException e) {
            p.shutdownNow();
            Thread.currentThread().interrupt();
        }
        db.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATE, QUEUED)
                .set(WEBHOOK_DELIVERIES.CLAIMED_BY, (String) null)
                .where(WEBHOOK_DELIVERIES.STATE.eq(SENDING))
                .and(WEBHOOK_DELIVERIES.CLAIMED_BY.eq(nodeId))
                .execute();
    }
}
