package com.picksdigest.picks;

import static com.picksdigest.db.generated.Tables.PUBLISH_SEQUENCE;

import org.jooq.DSLContext;

/**
 * Hands out publication numbers from the one counter row. The UPDATE locks the row until the caller's transaction
 * commits, so the next number is only handed out after this one is committed: a reader that sees the counter at N
 * can count on every pick numbered up to N being visible (see DigestPlanner).
 */
final class PublishSequence {
    private PublishSequence() {}

    /** The next number; call inside the transaction that stores the pick. */
    static long next(DSLContext tx) {
        tx.update(PUBLISH_SEQUENCE)
                .set(PUBLISH_SEQUENCE.LAST_SEQ, PUBLISH_SEQUENCE.LAST_SEQ.plus(1))
                .where(PUBLISH_SEQUENCE.ID.eq((byte) 1))
                .execute();
        return tx.select(PUBLISH_SEQUENCE.LAST_SEQ)
                .from(PUBLISH_SEQUENCE)
                .where(PUBLISH_SEQUENCE.ID.eq((byte) 1))
                .fetchOne(PUBLISH_SEQUENCE.LAST_SEQ);
    }
}
