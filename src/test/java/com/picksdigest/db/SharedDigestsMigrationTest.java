package com.picksdigest.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V5 moves what each delivery held from per-delivery rows to one row per distinct digest: an installation that
 * already sent editions must keep, for every delivery, the same picks in the same order.
 */
class SharedDigestsMigrationTest {
    static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create(SharedDigestsMigrationTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void deliveriesKeepTheirPicksInOrderAndIdenticalListsShareOneDigest() {
        Flyway.configure()
                .dataSource(db.database().dataSource())
                .locations("classpath:db/migration")
                .target("4")
                .load()
                .migrate();
        DSLContext sql = db.database().dsl();
        sql.execute("INSERT INTO categories (id, name, slug) VALUES (1, 'AI', 'ai')");
        for (int p = 1; p <= 4; p++) {
            sql.execute(
                    "INSERT INTO picks (id, url, url_key, title, category_id, status, created_by, updated_by)"
                            + " VALUES (?, ?, ?, ?, 1, 'published', 'ed', 'ed')",
                    p,
                    "https://x.example/" + p,
                    "k" + p,
                    "Pick " + p);
        }
        sql.execute("INSERT INTO editions (id, edition_date) VALUES (1, '2026-11-24')");
        for (int s = 1; s <= 4; s++) {
            sql.execute(
                    "INSERT INTO subscribers (id, email, email_key, status) VALUES (?, ?, ?, 'active')",
                    s,
                    "r" + s + "@example.org",
                    "r" + s + "@example.org");
            sql.execute(
                    "INSERT INTO deliveries (id, edition_id, subscriber_id, status) VALUES (?, 1, ?, 'sent')", s, s);
        }
        // 1 and 2 got the same digest; 3 the same picks in another order; 4 nothing recorded (skipped)
        long[][] held = {{1, 3, 2}, {1, 3, 2}, {2, 1, 3}, {}};
        for (int d = 0; d < held.length; d++) {
            for (int i = 0; i < held[d].length; i++) {
                sql.execute(
                        "INSERT INTO delivery_picks (delivery_id, pick_id, position) VALUES (?, ?, ?)",
                        d + 1,
                        held[d][i],
                        i + 1);
            }
        }

        Migrations.migrate(db.database().dataSource());

        for (int d = 0; d < held.length; d++) {
            List<Long> picks = sql.fetch(
                            "SELECT dp.pick_id FROM deliveries d JOIN digest_picks dp ON dp.digest_id = d.digest_id"
                                    + " WHERE d.id = ? ORDER BY dp.position",
                            d + 1)
                    .getValues(0, Long.class);
            assertThat(picks)
                    .as("delivery " + (d + 1))
                    .containsExactly(java.util.Arrays.stream(held[d]).boxed().toArray(Long[]::new));
        }
        assertThat(sql.fetchValue("SELECT COUNT(*) FROM digests")).isEqualTo(2L);
        assertThat(sql.fetchValue("SELECT digest_id FROM deliveries WHERE id = 1"))
                .isEqualTo(sql.fetchValue("SELECT digest_id FROM deliveries WHERE id = 2"));
        assertThat(sql.fetchValue("SELECT digest_id FROM deliveries WHERE id = 4"))
                .isNull();
        // the key the migration computed in SQL is the one the sender computes, so new sends reuse the rows
        assertThat(sql.fetchValue(
                        "SELECT d.picks_key FROM digests d JOIN deliveries v ON v.digest_id = d.id WHERE v.id = 1"))
                .isEqualTo(com.picksdigest.delivery.DigestIds.key(List.of(1L, 3L, 2L)));
        assertThat(sql.fetchValue(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'delivery_picks'",
                        db.schema()))
                .isEqualTo(0L);
    }
}
