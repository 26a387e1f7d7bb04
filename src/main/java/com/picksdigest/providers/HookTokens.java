package com.picksdigest.providers;

import static com.picksdigest.db.generated.Tables.HOOK_TOKENS;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * One-time tokens a provider signs into each request (Mailgun): the first request with a token is taken, a second
 * one within the replay window is a replay. Kept in the database, so every node of a cluster sees the same tokens;
 * tokens older than the window are forgotten (their requests are refused by their timestamp anyway).
 */
public final class HookTokens {
    private final DSLContext db;
    private final Clock clock;

    public HookTokens(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True the first time {@code token} is seen from {@code provider}; false for a replay. */
    boolean firstUse(String provider, String token, Duration window) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        db.deleteFrom(HOOK_TOKENS)
                .where(HOOK_TOKENS.SEEN_AT.lt(now.minus(window.multipliedBy(2))))
                .execute();
        return db.insertInto(HOOK_TOKENS, HOOK_TOKENS.PROVIDER, HOOK_TOKENS.TOKEN, HOOK_TOKENS.SEEN_AT)
                        .values(provider, token, now)
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }
}
