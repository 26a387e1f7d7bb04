package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DIGESTS;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.picksdigest.db.Deadlocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The row in {@code digests} for a list of picks in digest order: found or created once, then remembered, so
 * recording a delivery costs no statement of its own (a bounded Caffeine cache). The key is the SHA-256 of the ids, as the migration that
 * introduced the table computed it in SQL.
 */
public final class DigestIds {
    private static final int CAPACITY = 4096;

    private final DSLContext db;
    private final Cache<List<Long>, Long> known =
            Caffeine.newBuilder().maximumSize(CAPACITY).build();

    public DigestIds(DSLContext db) {
        this.db = db;
    }

    public long idFor(List<Long> pickIds) {
        Long known = this.known.getIfPresent(pickIds);
        if (known != null) return known;
        String key = key(pickIds);
        // Looked up outside the cache's locks: another worker or node may create the same digest at the same
        // moment, and both statements are idempotent.
        long id = Deadlocks.retry(() -> db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.insertInto(DIGESTS, DIGESTS.PICKS_KEY)
                    .values(key)
                    .onDuplicateKeyIgnore()
                    .execute();
            long digestId = t.select(DIGESTS.ID)
                    .from(DIGESTS)
                    .where(DIGESTS.PICKS_KEY.eq(key))
                    .fetchOne(DIGESTS.ID);
            var insert =
                    t.insertInto(DIGEST_PICKS, DIGEST_PICKS.DIGEST_ID, DIGEST_PICKS.PICK_ID, DIGEST_PICKS.POSITION);
            for (int i = 0; i < pickIds.size(); i++) insert = insert.values(digestId, pickIds.get(i), i + 1);
            insert.onDuplicateKeyIgnore().execute();
            return digestId;
        }));
        this.known.put(List.copyOf(pickIds), id);
        return id;
    }

    public static String key(List<Long> pickIds) {
        String joined = pickIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
