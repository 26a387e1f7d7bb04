package com.picksdigest.editors;

import static com.picksdigest.db.generated.Tables.LOGIN_FAILURES;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * Slows password guessing: after {@link #PER_ADDRESS} refused sign-ins for one address, or {@link #PER_CLIENT} from
 * one client address, within {@link #WINDOW}, further attempts are refused unchecked until the oldest failure ages
 * out. Kept in the database, so every node of a cluster counts the same failures.
 */
public final class LoginThrottle {
    static final int PER_ADDRESS = 5;
    static final int PER_CLIENT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final DSLContext db;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Zero when an attempt may go ahead, else how long to wait. */
    Duration wait(String email, String ip) {
        LocalDateTime now = now();
        LocalDateTime since = now.minus(WINDOW);
        Duration byAddress = wait(LOGIN_FAILURES.EMAIL_KEY.eq(key(email)), PER_ADDRESS, since, now);
        Duration byClient = wait(LOGIN_FAILURES.IP.eq(ip(ip)), PER_CLIENT, since, now);
        return byAddress.compareTo(byClient) >= 0 ? byAddress : byClient;
    }

    private Duration wait(org.jooq.Condition who, int limit, LocalDateTime since, LocalDateTime now) {
        var recent = db.select(LOGIN_FAILURES.CREATED_AT)
                .from(LOGIN_FAILURES)
                .where(who)
                .and(LOGIN_FAILURES.CREATED_AT.gt(since))
                .orderBy(LOGIN_FAILURES.CREATED_AT.desc())
                .limit(limit)
                .fetch(LOGIN_FAILURES.CREATED_AT);
        if (recent.size() < limit) return Duration.ZERO;
        // The limit-th most recent failure has to leave the window before another attempt is allowed.
        Duration d = Duration.between(now, recent.get(limit - 1).plus(WINDOW));
        return d.isNegative() ? Duration.ZERO : d;
    }

    void failed(String email, String ip) {
        LocalDateTime now = now();
        db.insertInto(LOGIN_FAILURES)
                .set(LOGIN_FAILURES.EMAIL_KEY, key(email))
                .set(LOGIN_FAILURES.IP, ip(ip))
                .set(LOGIN_FAILURES.CREATED_AT, now)
                .execute();
        db.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.CREATED_AT.lt(now.minus(WINDOW.multipliedBy(4))))
                .execute();
    }

    void succeeded(String email) {
        db.deleteFrom(LOGIN_FAILURES)
                .where(LOGIN_FAILURES.EMAIL_KEY.eq(key(email)))
                .execute();
    }

    private static String key(String email) {
        String k = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return k.length() > 254 ? k.substring(0, 254) : k;
    }

    private static String ip(String ip) {
        String v = ip == null ? "" : ip;
        return v.length() > 64 ? v.substring(0, 64) : v;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
