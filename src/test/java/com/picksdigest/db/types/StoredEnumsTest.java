package com.picksdigest.db.types;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.support.Seed;
import com.picksdigest.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every typed status column against the real schema: each enum value is accepted by the column's CHECK, stored as
 * its lower-case word and read back as itself; a word no enum knows (a row from a newer version, or edited by hand)
 * fails naming the column (jOOQ's message) and the word (the cause's), instead of reading as null.
 */
class StoredEnumsTest {
    static TestDatabase db;
    static DSLContext dsl;
    static long pick;
    static long subscriber;
    static long delivery;

    @BeforeAll
    static void oneRowOfEach() {
        db = TestDatabase.migrated(StoredEnumsTest.class);
        dsl = db.database().dsl();
        Seed seed = new Seed(dsl, Clock.systemUTC());
        seed.categories.add("News");
        pick = seed.published("A pick", "News", Instant.now()).getId();
        subscriber = seed.subscriber("reader@example.org", null, "UTC", "html").getId();
        long edition = dsl.insertInto(EDITIONS, EDITIONS.EDITION_DATE)
                .values(LocalDate.of(2026, 1, 5))
                .returningResult(EDITIONS.ID)
                .fetchOne(EDITIONS.ID);
        delivery = dsl.insertInto(DELIVERIES, DELIVERIES.EDITION_ID, DELIVERIES.SUBSCRIBER_ID)
                .values(edition, subscriber)
                .returningResult(DELIVERIES.ID)
                .fetchOne(DELIVERIES.ID);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyValueRoundTripsAsItsLowerCaseWord() {
        roundTrips(PICKS.STATUS, PICKS.ID, pick, PickStatus.values());
        roundTrips(SUBSCRIBERS.STATUS, SUBSCRIBERS.ID, subscriber, SubscriberStatus.values());
        roundTrips(SUBSCRIBERS.FREQUENCY, SUBSCRIBERS.ID, subscriber, Frequency.values());
        roundTrips(SUBSCRIBERS.FORMAT, SUBSCRIBERS.ID, subscriber, DigestFormat.values());
        roundTrips(DELIVERIES.STATUS, DELIVERIES.ID, delivery, DeliveryStatus.values());
    }

    @Test
    void anUnknownStoredWordFailsNamingIt() {
        // as a newer version's row would be: the column's CHECK is what a newer migration would have widened
        dsl.execute("ALTER TABLE subscribers DROP CONSTRAINT ck_subscribers_status");
        long other = new Seed(dsl, Clock.systemUTC())
                .subscriber("paused@example.org", null, "UTC", "html")
                .getId();
        dsl.execute("UPDATE subscribers SET status = 'paused' WHERE id = ?", other);

        assertThatThrownBy(() -> dsl.fetchValue(SUBSCRIBERS.STATUS, SUBSCRIBERS.ID.eq(other)))
                .hasMessageContaining("Error while reading field: \"subscribers\".\"status\"")
                .rootCause()
                .isInstanceOf(DataTypeException.class)
                .hasMessageContaining("Unknown SubscriberStatus 'paused'")
                .hasMessageContaining("active, bounced, complained, pending, unsubscribed");
    }

    private static <E extends Enum<E>> void roundTrips(
            TableField<?, E> column, TableField<?, Long> id, long row, E[] values) {
        Field<String> raw = DSL.field(column.getQualifiedName(), String.class);
        for (E v : values) {
            dsl.update(column.getTable()).set(column, v).where(id.eq(row)).execute();
            assertThat(dsl.fetchValue(column, id.eq(row)))
                    .as(column + " " + v.name())
                    .isEqualTo(v);
            assertThat(dsl.select(raw).from(column.getTable()).where(id.eq(row)).fetchOne(raw))
                    .as(column + " stores " + v.name())
                    .isEqualTo(v.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
