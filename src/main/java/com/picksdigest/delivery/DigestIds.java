package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.DIGESTS;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;

import com.picksdigest.db.Deadlocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The row in {@code digests} for a list of picks in digest order: found or created once, then remembered, so
 * recording a delivery costs no statement of its own. The key is the SHA-256 of the ids, as the migration that
 * introduced the table computed it in SQL.
 */
public final class DigestIds {
    private static final int CAPACITY = 4096;

    private final DSLContext db;
    private final Map<List<Long>, Long> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    public DigestIds(DSLContext db) {
        this.db = db;
    }

    public long idFor(List<Long> pickIds) {
        synchronized (known) {
            Long id = known.get(pickIds);
            if (id != null) return id;
        }
        String key = key(pickIds);
        // Another worker or node may create the same digest at the same moment: both statements are idempotent.
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
        synchronized (known) {
            known.put(List.copyOf(pickIds), id);
        }
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
