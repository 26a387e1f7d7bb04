package com.picksdigest.subscribers;

import static com.picksdigest.db.generated.Tables.APP_SETTINGS;
import static com.picksdigest.db.generated.Tables.SUPPRESSIONS;

import com.picksdigest.common.Hmac;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.jooq.DSLContext;

/**
 * Addresses that must not come back: erased subscribers, kept only as HMAC-SHA256(salt, lower-cased address).
 *
 * <p>The salt is random, generated once per database and stored in app_settings, rather than derived from
 * PICKS_SECRET: the secret may be rotated (that is how an operator revokes every link at once), and a suppression
 * list that silently stopped matching after a rotation would let an import mail people who asked to be forgotten.
 * The price is that someone holding a copy of the database can test a guessed address against the list; they
 * would learn only that it was once erased, and its other data is gone.
 */
public final class Suppressions {
    private static final String SALT = "suppression_salt";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private volatile Hmac hmac;

    public Suppressions(DSLContext db) {
        this.db = db;
    }

    public boolean contains(String email) {
        return db.fetchExists(SUPPRESSIONS, SUPPRESSIONS.EMAIL_HASH.eq(hash(email)));
    }

    /** Adds the address (idempotent); {@code tx} is the caller's transaction so the erasure and this commit together. */
    void add(DSLContext tx, String email, String reason, LocalDateTime now) {
        tx.insertInto(SUPPRESSIONS)
                .set(SUPPRESSIONS.EMAIL_HASH, hash(email))
                .set(SUPPRESSIONS.REASON, reason)
                .set(SUPPRESSIONS.CREATED_AT, now)
                .onDuplicateKeyIgnore()
                .execute();
    }

    /** Which of these addresses are suppressed, in one query. */
    java.util.Set<String> suppressed(java.util.Collection<String> emails) {
        java.util.Map<String, String> byHash = new java.util.HashMap<>();
        for (String e : emails) byHash.put(hash(e), e);
        if (byHash.isEmpty()) return java.util.Set.of();
        java.util.Set<String> out = new java.util.HashSet<>();
        db.select(SUPPRESSIONS.EMAIL_HASH)
                .from(SUPPRESSIONS)
                .where(SUPPRESSIONS.EMAIL_HASH.in(byHash.keySet()))
                .forEach(r -> out.add(byHash.get(r.value1())));
        return out;
    }

    String hash(String email) {
        return hmac().hex(EmailAddresses.key(email.strip()));
    }

    private Hmac hmac() {
        Hmac h = hmac;
        if (h != null) return h;
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        // Whichever node inserts first wins; everyone then reads the winner's salt.
        db.insertInto(APP_SETTINGS)
                .set(APP_SETTINGS.NAME, SALT)
                .set(APP_SETTINGS.VALUE, HexFormat.of().formatHex(fresh))
                .onDuplicateKeyIgnore()
                .execute();
        h = new Hmac(db.select(APP_SETTINGS.VALUE)
                .from(APP_SETTINGS)
                .where(APP_SETTINGS.NAME.eq(SALT))
                .fetchOne(APP_SETTINGS.VALUE));
        hmac = h;
        return h;
    }
}
