package com.picksdigest.api;

import static com.picksdigest.db.generated.Tables.API_KEYS;

import com.picksdigest.common.Fields;
import com.picksdigest.common.InvalidFields;
import com.picksdigest.common.Sha256;
import com.picksdigest.db.generated.tables.records.ApiKeysRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Keys for the REST API: made by an admin with a name and scopes, shown once, kept as a SHA-256 hash.
 *
 * <p>Why SHA-256 and not bcrypt: bcrypt is slow on purpose because passwords are guessable; a key is 32 random
 * bytes (256 bits), so no amount of hashing speed makes guessing one from its hash feasible, and a fast hash lets
 * every request be checked with one indexed lookup instead of a deliberate 50-100 ms of CPU per call.
 */
public final class ApiKeys {
    public static final List<String> SCOPES =
            List.of("picks:read", "picks:write", "subscribers:read", "subscribers:write", "reports:read");
    /** Written at most this often per key: "last used" is for people, not an access log. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final String PREFIX = "pdk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final Clock clock;

    public ApiKeys(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A key that passed the check: who it is (for the audit log) and what it may do. */
    public record Key(long id, String name, Set<String> scopes) {
        public boolean allows(String scope) {
            return scopes.contains(scope);
        }

        /** How the audit log names what this key did. */
        public String actor() {
            return "api key " + name;
        }
    }

    public sealed interface Check {}

    public record Valid(Key key) implements Check {}

    public record Revoked() implements Check {}

    public record Unknown() implements Check {}

    /** A new key: its row and the secret, which is never stored and cannot be shown again. */
    public record Created(ApiKeysRecord row, String secret) {}

    public Created create(String name, Collection<String> scopes, String createdBy) {
        InvalidFields.Collector c = new InvalidFields.Collector();
        String n = c.check("name", () -> Fields.line("Name", name, 100, true));
        Set<String> chosen = new LinkedHashSet<>();
        for (String s : scopes == null ? List.<String>of() : scopes) {
            if (!SCOPES.contains(s)) c.add("scopes", "\"" + clip(s) + "\" is not a scope; scopes are " + SCOPES + ".");
            else chosen.add(s);
        }
        if (chosen.isEmpty()) c.add("scopes", "Choose at least one scope.");
        c.throwIfAny();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        ApiKeysRecord r = db.newRecord(API_KEYS);
        r.setName(n);
        r.setScopes(String.join(" ", SCOPES.stream().filter(chosen::contains).toList()));
        r.setKeyHash(Sha256.hex(secret));
        r.setPrefix(secret.substring(0, PREFIX.length() + 6));
        r.setCreatedBy(createdBy);
        r.setCreatedAt(now());
        r.store();
        return new Created(r, secret);
    }

    /** The key a bearer token names, or why it names none; a successful check notes when the key was last used. */
    public Check check(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return new Unknown();
        ApiKeysRecord r = db.selectFrom(API_KEYS)
                .where(API_KEYS.KEY_HASH.eq(Sha256.hex(secret)))
                .fetchAny();
        if (r == null) return new Unknown();
        if (r.getRevokedAt() != null) return new Revoked();
        LocalDateTime now = now();
        if (r.getLastUsedAt() == null || r.getLastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
            db.update(API_KEYS)
                    .set(API_KEYS.LAST_USED_AT, now)
                    .where(API_KEYS.ID.eq(r.getId()))
                    .execute();
        }
        return new Valid(new Key(r.getId(), r.getName(), Set.of(r.getScopes().split(" "))));
    }

    /** @return the key's name, or null when there is no such key or it was revoked already */
    public String revoke(long id) {
        ApiKeysRecord r = db.selectFrom(API_KEYS).where(API_KEYS.ID.eq(id)).fetchAny();
        if (r == null || r.getRevokedAt() != null) return null;
        db.update(API_KEYS)
                .set(API_KEYS.REVOKED_AT, now())
                .where(API_KEYS.ID.eq(id))
                .and(API_KEYS.REVOKED_AT.isNull())
                .execute();
        return r.getName();
    }

    /** Newest first, revoked ones included (they show when they were revoked). */
    public List<ApiKeysRecord> all() {
        return db.selectFrom(API_KEYS).orderBy(API_KEYS.ID.desc()).fetch();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }
}
