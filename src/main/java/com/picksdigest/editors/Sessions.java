package com.picksdigest.editors;

import static com.picksdigest.db.generated.Tables.EDITORS;
import static com.picksdigest.db.generated.Tables.EDITOR_SESSIONS;

import com.picksdigest.common.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.jooq.DSLContext;

/**
 * Server-side sessions: the cookie holds 256 random bits, the table holds their SHA-256. A session ends at sign-out,
 * at a password change, after {@link #IDLE} without a request, and at the latest after its lifetime.
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofHours(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final DSLContext db;
    private final Duration lifetime;
    private final Clock clock;

    /** A live session: who, and the hash that names it (what the CSRF tokens of its forms are bound to). */
    public record Current(Editor editor, String idHash) {}

    public Sessions(DSLContext db, Duration lifetime, Clock clock) {
        this.db = db;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Returns the cookie value. */
    String start(long editorId) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        LocalDateTime now = now();
        db.deleteFrom(EDITOR_SESSIONS).where(EDITOR_SESSIONS.EXPIRES_AT.lt(now)).execute();
        db.insertInto(EDITOR_SESSIONS)
                .set(EDITOR_SESSIONS.ID_HASH, Sha256.hex(token))
                .set(EDITOR_SESSIONS.EDITOR_ID, editorId)
                .set(EDITOR_SESSIONS.CREATED_AT, now)
                .set(EDITOR_SESSIONS.LAST_SEEN_AT, now)
                .set(EDITOR_SESSIONS.EXPIRES_AT, now.plus(lifetime))
                .execute();
        return token;
    }

    /** The session a cookie names, or null when it is unknown, expired or idle too long. */
    public Current resolve(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) return null;
        String id = Sha256.hex(token);
        LocalDateTime now = now();
        var r = db.select(EDITOR_SESSIONS.LAST_SEEN_AT, EDITORS.ID, EDITORS.EMAIL, EDITORS.NAME, EDITORS.ROLE)
                .from(EDITOR_SESSIONS)
                .join(EDITORS)
                .on(EDITORS.ID.eq(EDITOR_SESSIONS.EDITOR_ID))
                .where(EDITOR_SESSIONS.ID_HASH.eq(id))
                .and(EDITOR_SESSIONS.EXPIRES_AT.gt(now))
                .and(EDITOR_SESSIONS.LAST_SEEN_AT.gt(now.minus(IDLE)))
                .fetchAny();
        if (r == null) return null;
        if (r.value1().isBefore(now.minus(TOUCH_EVERY))) { // one write a minute at most, not one per request
            db.update(EDITOR_SESSIONS)
                    .set(EDITOR_SESSIONS.LAST_SEEN_AT, now)
                    .where(EDITOR_SESSIONS.ID_HASH.eq(id))
                    .execute();
        }
        return new Current(new Editor(r.value2(), r.value3(), r.value4(), Role.of(r.value5())), id);
    }

    public void end(String token) {
        if (token == null) return;
        db.deleteFrom(EDITOR_SESSIONS)
                .where(EDITOR_SESSIONS.ID_HASH.eq(Sha256.hex(token)))
                .execute();
    }

    public Duration lifetime() {
        return lifetime;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
