package com.picksdigest.support;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.delivery.RunStats;
import com.picksdigest.delivery.Sending;
import com.picksdigest.schedule.Scheduling;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.SchedulerException;

/** The application against a test schema and a test SMTP server on loopback, with its sending side at hand. */
public final class MailerHarness implements AutoCloseable {
    public static final String SECRET = "test-secret-test-secret-test-secret!";
    public final App app;
    public final Sending mailer;

    public MailerHarness(TestDatabase db, int smtpPort, Clock clock, Map<String, String> extra) {
        this(db, smtpPort, clock, extra, App.Seams.DEFAULT);
    }

    public MailerHarness(TestDatabase db, int smtpPort, Clock clock, Map<String, String> extra, App.Seams seams) {
        Map<String, String> s = new HashMap<>(Map.of(
                "PICKS_DB_URL",
                db.url(),
                "PICKS_SECRET",
                SECRET,
                "PICKS_FROM",
                "Picks <digest@picks.example.org>",
                "PICKS_BASE_URL",
                "https://picks.example.org",
                "PICKS_SMTP_HOST",
                "127.0.0.1",
                "PICKS_SMTP_PORT",
                String.valueOf(smtpPort)));
        s.putAll(extra);
        this.app =
                App.boot(Settings.of(s), clock).withoutMigrating().seams(seams).open();
        this.mailer = app.sending();
    }

    /** What serve does for sending: the templates checked, this node in the cluster's schedule, the workers started. */
    public Scheduling startScheduled(String nodeId, boolean catchUp) throws SchedulerException {
        app.checkTemplates();
        Scheduling s = app.startScheduling(nodeId, List.of(mailer.dispatchTask()), catchUp);
        mailer.workers().start();
        return s;
    }

    /** What send-now does: everyone due today, then send until nothing is left. */
    public RunStats sendNow() throws InterruptedException {
        mailer.enqueueAll(Optional.empty());
        return mailer.workers().drain(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        app.close();
    }
}
