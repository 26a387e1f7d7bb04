package com.picksdigest.reliability;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.delivery.Sending;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.support.AppProcess;
import com.picksdigest.support.Await;
import com.picksdigest.support.Edition;
import com.picksdigest.support.Figures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two `serve` processes on one database. The cluster fires an hourly dispatch once, whichever node takes it; both
 * nodes send part of the edition; when one is killed mid-edition the other takes over its Quartz instance and, after
 * the claim timeout, its claimed deliveries. Everyone ends with one sent delivery and one message (a killed node
 * may leave the message it was recording unrecorded: one per send thread, recorded after every send here).
 */
class TwoNodesTest extends RelayAndSchemaTest {
    private static final int THREADS = 2;
    private static final Pattern DISPATCH_LINE = Pattern.compile("Dispatch: \\d+ new deliveries");

    @Test
    void theClusterDispatchesOnceSharesTheSendingAndTheSurvivorFinishesAfterAKill() throws Exception {
        twoNodes("two nodes, one SIGKILLed mid-edition", 1_000, 1);
    }

    @Test
    @Tag("chaos")
    void nodesKilledAndRestartedInTurnThroughALargeEdition() throws Exception {
        twoNodes("two nodes, SIGKILL and restart in turn x4", 20_000, 4);
    }

    private void twoNodes(String scenario, int subscribers, int kills) throws Exception {
        Edition edition = Edition.seed(db, subscribers);
        Instant hourlyDue = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        scheduleHourlyDispatch(hourlyDue);
        Map<String, AppProcess> nodes = new HashMap<>();
        List<AppProcess> started = new ArrayList<>();
        try {
            for (String id : List.of("node-a", "node-b")) nodes.put(id, start(edition, id, started));
            AppProcess a = nodes.get("node-a");
            AppProcess b = nodes.get("node-b");
            // both catch-up dispatches at start, and the hourly one fired once by the cluster
            Await.until(
                    Duration.ofSeconds(60),
                    () -> dispatches(a.output() + b.output()) == 3
                            && Instant.now().isAfter(hourlyDue),
                    () -> Edition.logs(a, b));
            assertThat(hourlyTrigger())
                    .as("previous and next fire of the hourly trigger")
                    .containsExactly(
                            hourlyDue.toEpochMilli(),
                            hourlyDue.toEpochMilli() + Duration.ofHours(1).toMillis());

            long lastKill = 0;
            for (int k = 1; k <= kills; k++) {
                String victim = k % 2 == 1 ? "node-a" : "node-b";
                int killAt = subscribers * k / (kills + 2);
                Await.until(Duration.ofSeconds(120), () -> relay.acceptedCount() >= killAt, () -> Edition.logs(a, b));
                if (k == 1) {
                    // a node polls the ledger every few seconds: make sure both have sent before the first kill
                    Await.until(
                            Duration.ofSeconds(60),
                            () -> sentBy("node-a") > 0 && sentBy("node-b") > 0,
                            () -> Edition.logs(a, b));
                }
                AppProcess dead = nodes.get(victim);
                dead.kill();
                lastKill = System.nanoTime();
                assertThat(edition.outstanding()).as("killed mid-edition").isPositive();
                awaitQuartzRecovered(victim, nodes.values());
                if (k < kills) nodes.put(victim, start(edition, victim, started));
            }
            AppProcess[] alive =
                    nodes.values().stream().filter(AppProcess::alive).toArray(AppProcess[]::new);
            edition.awaitFinished(Duration.ofSeconds(300), alive);
            Duration recovery = Duration.ofNanos(System.nanoTime() - lastKill);
            for (AppProcess p : alive)
                assertThat(p.terminate(60)).as(p.output()).isZero();
            String allLogs =
                    String.join("", started.stream().map(AppProcess::output).toList());
            assertThat(dispatches(allLogs))
                    .as("catch-up dispatches at each start and one hourly")
                    .isEqualTo(2 + kills - 1 + 1);

            Edition.Tally t = edition.tally(relay.accepted());
            Figures.record(scenario, kills, t.messages(), t.lost(), t.duplicated(), recovery);
            DSLContext dsl = db.database().dsl();
            assertThat(dsl.selectDistinct(DELIVERIES.CLAIMED_BY)
                            .from(DELIVERIES)
                            .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                            .fetch(DELIVERIES.CLAIMED_BY))
                    .as("both nodes sent part")
                    .contains("node-a", "node-b");
            assertThat(t.statuses()).containsExactly(Map.entry("sent", subscribers));
            assertThat(t.subscribersNotSentOnce()).isZero();
            assertThat(t.lost()).isZero();
            assertThat(t.duplicated()).as("messages received twice").isLessThanOrEqualTo(THREADS * kills);
        } finally {
            for (AppProcess p : started) p.close();
        }
    }

    private int sentBy(String nodeId) {
        return db.database()
                .dsl()
                .fetchCount(
                        DELIVERIES, DELIVERIES.STATUS.eq(DeliveryStatus.SENT).and(DELIVERIES.CLAIMED_BY.eq(nodeId)));
    }

    private AppProcess start(Edition edition, String nodeId, List<AppProcess> started) throws IOException {
        // Paced so that the kill lands mid-edition after the hourly firing on any machine; outcomes recorded after
        // every send, so a kill can leave at most one unrecorded message per thread.
        AppProcess p = AppProcess.start(
                edition.serveEnv(
                        relay.port(),
                        Map.of(
                                "PICKS_NODE_ID",
                                nodeId,
                                "PICKS_SEND_THREADS",
                                String.valueOf(THREADS),
                                "PICKS_SEND_RATE",
                                "100",
                                "PICKS_SEND_BATCH",
                                "100",
                                "PICKS_SEND_RECORD_EVERY",
                                "1")),
                "serve");
        started.add(p);
        return p;
    }

    /**
     * The cluster's dispatch job, registered before the nodes start (they keep an existing trigger) at the minute and
     * second of {@code first} every hour: the hourly dispatch without waiting for the top of the hour.
     */
    private void scheduleHourlyDispatch(Instant first) throws Exception {
        ZonedDateTime at = first.atZone(ZoneId.systemDefault());
        String cron = at.getSecond() + " " + at.getMinute() + " * * * ?";
        try (Scheduling client = Scheduling.create(
                db.database().dataSource(),
                "test-client",
                List.of(new ScheduledTask(Sending.DISPATCH_TASK, cron, () -> {})))) {
            client.register();
        }
    }

    private List<Long> hourlyTrigger() {
        var r = db.database()
                .dsl()
                .fetchOne(
                        "SELECT PREV_FIRE_TIME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?",
                        Sending.DISPATCH_TASK);
        return List.of(r.get(0, Long.class), r.get(1, Long.class));
    }

    /** The survivors' cluster manager notices the dead instance and removes it (recovering its jobs). */
    private void awaitQuartzRecovered(String nodeId, java.util.Collection<AppProcess> nodes)
            throws InterruptedException {
        Await.until(
                Duration.ofSeconds(60),
                () -> db.database()
                                .dsl()
                                .fetchCount(db.database()
                                        .dsl()
                                        .selectOne()
                                        .from("QRTZ_SCHEDULER_STATE")
                                        .where("INSTANCE_NAME LIKE ?", nodeId + "#%"))
                        == 0,
                () -> Edition.logs(nodes.toArray(AppProcess[]::new)));
    }

    private static int dispatches(String log) {
        Matcher m = DISPATCH_LINE.matcher(log);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
