package com.picksdigest.editors;

import static com.picksdigest.db.generated.Tables.LOGIN_FAILURES;
import static com.picksdigest.db.generated.Tables.LOGIN_THROTTLE_LOCKS;

import com.picksdigest.common.ClientNetwork;
import com.picksdigest.db.Deadlocks;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Slows password guessing, in the order the OWASP authentication cheat sheet gives: each client is limited first,
 * then an address under attack is slowed down, and no address is ever locked for everyone. Within {@link #WINDOW}:
 *
 * <ul>
 *   <li>a client (its network: an IPv6 /64 or an IPv4 address, {@link ClientNetwork}) gets {@link #PER_CLIENT}
 *       wrong passwords whatever the addresses, and {@link #PER_CLIENT_AND_ADDRESS} for one address;
 *   <li>once an address has {@link #SLOW_DOWN_AFTER} failures from anyone, a client that failed itself lately may
 *       try that address only when its latest failure is old enough: 1 s at first, doubling with each further
 *       failure, at most {@link #MAX_SLOW_DOWN}. A client without failures is never held back, so the right password
 *       from a clean client always goes through, however hard the address is being guessed elsewhere.
 * </ul>
 *
 * <p>An attempt is counted as a failure before its password is checked ({@link #reserve}), under a row lock per
 * client and per address, and the count is given back when the password was right ({@link #release}): parallel
 * guesses are counted one after another, so no more of them get a password check than the limits allow. Kept in the
 * database, so every node of a cluster counts the same.
 */
public final class LoginThrottle {
    static final int PER_CLIENT = 20;
    static final int PER_CLIENT_AND_ADDRESS = 5;
    static final int SLOW_DOWN_AFTER = 5;
    static final Duration MAX_SLOW_DOWN = Duration.ofMinutes(1);
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** What {@link #reserve} decided. */
    sealed interface Ticket {}

    /** Check the password; the attempt already counts as the failure {@code failureId} until released. */
    record Go(long failureId, String emailKey, String client) implements Ticket {}

    /** No check: try again after {@code retryAfter}. */
    record Wait(Duration retryAfter) implements Ticket {}

    private final DSLContext db;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts an attempt at {@code email} from {@code ip} as a failure, or says how long to wait without counting it. */
    Ticket reserve(String email, String ip) {
        String emailKey = key(email);
        String client = ClientNetwork.key(ip);
        Ticket ticket = Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            LocalDateTime now = now();
            // Client first, then address, in every transaction alike: lock waits cannot form a cycle.
            lock(t, "c:" + client, now);
            lock(t, "a:" + emailKey, now);
            Duration wait = waitFor(t, emailKey, client, now);
            if (!wait.isZero()) return new Wait(wait);
            t.insertInto(LOGIN_FAILURES)
                    .set(LOGIN_FAILURES.EMAIL_KEY, emailKey)
                    .set(LOGIN_FAILURES.IP, client)
                    .set(LOGIN_FAILURES.CREATED_AT, now)
                    .execute();
            return new Go(t.lastID().longValue(), emailKey, client);
        }));
        if (ticket instanceof Go) forgetOld();
        return ticket;
    }

    /** The password was right: the attempt was no failure, and this client's earlier ones at the address are void. */
    void release(Go go) {
        db.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.ID.eq(go.failureId()))
                .or(LOGIN_FAILURES.EMAIL_KEY.eq(go.emailKey()).and(LOGIN_FAILURES.IP.eq(go.client())))
                .execute();
    }

    private Duration waitFor(DSLContext t, String emailKey, String client, LocalDateTime now) {
        LocalDateTime since = now.minus(WINDOW);
        Condition byClient = LOGIN_FAILURES.IP.eq(client);
        List<LocalDateTime> clientFailures = newest(t, byClient, since, PER_CLIENT);
        if (clientFailures.isEmpty()) return Duration.ZERO;
        Duration wait = untilOneLeaves(clientFailures, PER_CLIENT, now);
        wait = longer(
                wait,
                untilOneLeaves(
                        newest(t, byClient.and(LOGIN_FAILURES.EMAIL_KEY.eq(emailKey)), since, PER_CLIENT_AND_ADDRESS),
                        PER_CLIENT_AND_ADDRESS,
                        now));
        var address = t.select(DSL.count(), DSL.max(LOGIN_FAILURES.CREATED_AT))
                .from(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.EMAIL_KEY.eq(emailKey))
                .and(LOGIN_FAILURES.CREATED_AT.gt(since))
                .fetchOne();
        int failures = address.value1();
        if (failures >= SLOW_DOWN_AFTER) {
            Duration pause = slowDown(failures);
            wait = longer(wait, positive(Duration.between(now, address.value2().plus(pause))));
        }
        return wait;
    }

    /** 1 s at {@link #SLOW_DOWN_AFTER} failures, doubling with each one more, at most {@link #MAX_SLOW_DOWN}. */
    static Duration slowDown(int failures) {
        int doublings = Math.min(failures - SLOW_DOWN_AFTER, 30);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(MAX_SLOW_DOWN) > 0 ? MAX_SLOW_DOWN : d;
    }

    /** The most recent failures that match, newest first, at most {@code limit}. */
    private static List<LocalDateTime> newest(DSLContext t, Condition who, LocalDateTime since, int limit) {
        return t.select(LOGIN_FAILURES.CREATED_AT)
                .from(LOGIN_FAILURES)
                .where(who)
                .and(LOGIN_FAILURES.CREATED_AT.gt(since))
                .orderBy(LOGIN_FAILURES.CREATED_AT.desc())
                .limit(limit)
                .fetch(LOGIN_FAILURES.CREATED_AT);
    }

    /** With {@code limit} recent failures, the limit-th most recent has to leave the window before another try. */
    private static Duration untilOneLeaves(List<LocalDateTime> newestFirst, int limit, LocalDateTime now) {
        if (newestFirst.size() < limit) return Duration.ZERO;
        return positive(Duration.between(now, newestFirst.get(limit - 1).plus(WINDOW)));
    }

    /** Holds the row for {@code lockKey} until the transaction ends (made on first use). */
    private static void lock(DSLContext t, String lockKey, LocalDateTime now) {
        t.insertInto(LOGIN_THROTTLE_LOCKS)
                .set(LOGIN_THROTTLE_LOCKS.LOCK_KEY, lockKey)
                .set(LOGIN_THROTTLE_LOCKS.TOUCHED_AT, now)
                .onDuplicateKeyUpdate()
                .set(LOGIN_THROTTLE_LOCKS.TOUCHED_AT, now)
                .execute();
    }

    /** Failures long out of every window, and lock rows nobody used for a window. */
    private void forgetOld() {
        LocalDateTime now = now();
        db.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.CREATED_AT.lt(now.minus(WINDOW.multipliedBy(4))))
                .execute();
        db.deleteFrom(LOGIN_THROTTLE_LOCKS)
                .where(LOGIN_THROTTLE_LOCKS.TOUCHED_AT.lt(now.minus(WINDOW)))
                .execute();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String key(String email) {
        String k = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return k.length() > 254 ? k.substring(0, 254) : k;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
