package com.picksdigest.bench;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.types.DeliveryStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** After the edition: did every subscriber get exactly one delivery, recorded as sent? Counted in the database. */
final class LedgerCheck {
    private LedgerCheck() {}

    static String describe(DSLContext db, int seeded) {
        int subscribers = db.fetchCount(SUBSCRIBERS);
        var r = db.select(
                        DSL.count(),
                        DSL.countDistinct(DELIVERIES.SUBSCRIBER_ID),
                        DSL.count().filterWhere(DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .from(DELIVERIES)
                .fetchOne();
        long deliveries = r.value1();
        long distinct = r.value2();
        long sent = r.value3();
        boolean exact = subscribers == seeded && deliveries == seeded && distinct == seeded && sent == seeded;
        return String.format(
                "%,d subscribers, %,d deliveries, %,d sent: %s (%,d without a delivery, %,d twice, %,d not sent)",
                subscribers,
                deliveries,
                sent,
                exact ? "every subscriber exactly once" : "NOT exactly once",
                subscribers - distinct,
                deliveries - distinct,
                deliveries - sent);
    }
}
