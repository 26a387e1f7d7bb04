package com.picksdigest.support;

import com.picksdigest.AppContext;
import com.picksdigest.Mailer;
import com.picksdigest.config.Settings;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.delivery.RunStats;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An application context and mailer against a test schema and a test SMTP server on loopback. */
public final class MailerHarness implements AutoCloseable {
    public static final String SECRET = "test-secret-test-secret-test-secret!";
    public final AppContext app;
    public final Mailer mailer;

    public MailerHarness(TestDatabase db, int smtpPort, Clock clock, Map<String, String> extra) {
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
        Settings settings = Settings.of(s);
        this.app = AppContext.open(settings, clock, false);
        this.mailer = app.mailer(SmtpConfig.from(settings));
    }

    /** What send-now does: everyone due today, then send until nothing is left. */
    public RunStats sendNow() throws InterruptedException {
        mailer.enqueueAll(Optional.empty());
        return mailer.workers().drain(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        mailer.close();
        app.close();
    }
}
