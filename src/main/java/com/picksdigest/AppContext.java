package com.picksdigest;

import com.picksdigest.bounces.BounceActions;
import com.picksdigest.bounces.BounceMailbox;
import com.picksdigest.bounces.ReportParser;
import com.picksdigest.config.AdminConfig;
import com.picksdigest.config.BounceConfig;
import com.picksdigest.config.ConfigException;
import com.picksdigest.config.DbConfig;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.db.Database;
import com.picksdigest.db.EmbeddedMariaDb;
import com.picksdigest.db.Migrations;
import com.picksdigest.delivery.DkimSigning;
import com.picksdigest.digest.ClickLinks;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.metrics.ProcessMetrics;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.PickService;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SelfService;
import com.picksdigest.subscribers.SubscriberService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The composition root for one command: settings, the database (embedded when no PICKS_DB_URL), and the
 * services built on it by constructor. Commands ask it for what they need; nothing is global.
 */
public final class AppContext implements AutoCloseable {
    public static final String EMBEDDED_SCHEMA = "picks";

    private final Settings settings;
    private final Clock clock;
    private final EmbeddedMariaDb embedded;
    private final Database database;
    private final ProcessMetrics metrics;

    private AppContext(
            Settings settings, Clock clock, EmbeddedMariaDb embedded, Database database, ProcessMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.embedded = embedded;
        this.database = database;
        this.metrics = metrics;
    }

    public static AppContext open(Settings settings, Clock clock, boolean migrate) {
        return open(settings, clock, migrate, EMBEDDED_SCHEMA, false);
    }

    /** The demo's own database inside the embedded server, emptied first so every run starts the same. */
    public static AppContext openFreshEmbedded(Settings settings, Clock clock, String schema) {
        return open(settings, clock, true, schema, true);
    }

    private static AppContext open(Settings settings, Clock clock, boolean migrate, String schema, boolean fresh) {
        DbConfig cfg = DbConfig.from(settings);
        EmbeddedMariaDb embedded = null;
        String url;
        if (cfg.url().isPresent() && !fresh) {
            url = cfg.url().get();
        } else {
            embedded = EmbeddedMariaDb.start(cfg.dataDir().resolve("mariadb"));
            if (fresh) embedded.dropDatabase(schema);
            url = embedded.createDatabase(schema);
        }
        Database db;
        ProcessMetrics metrics = new ProcessMetrics();
        try {
            db = Database.connect(
                    url,
                    embedded == null ? cfg.user() : "root",
                    embedded == null ? cfg.password() : "",
                    cfg.poolSize(),
                    metrics.registry());
            if (migrate) Migrations.migrate(db.dataSource());
        } catch (RuntimeException e) {
            metrics.close();
            if (embedded != null) embedded.close();
            throw e;
        }
        return new AppContext(settings, clock, embedded, db, metrics);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    /** The process's one meter registry (/metrics). */
    public PrometheusMeterRegistry metrics() {
        return metrics.registry();
    }

    public Categories categories() {
        return new Categories(database.dsl());
    }

    public PickService picks() {
        return new PickService(database.dsl(), categories(), clock);
    }

    public SubscriberService subscribers() {
        return new SubscriberService(database.dsl(), categories(), clock);
    }

    /** The sending side for this process, signing with DKIM when PICKS_DKIM_* are set. */
    public Mailer mailer(SmtpConfig smtp) {
        MailConfig mail = MailConfig.from(settings);
        PickLinks links = AdminConfig.from(settings).trackClicks()
                ? new ClickLinks(mail.secret(), mail.baseUrl().toString())
                : PickLinks.DIRECT;
        return new Mailer(
                database.dsl(), mail, smtp, SendConfig.from(settings), dkim(), clock, links, metrics.registry());
    }

    /** DKIM signing of outgoing mail when PICKS_DKIM_* are set; otherwise messages go out as built. */
    public UnaryOperator<MimeMessage> signer() {
        return dkim().orElse(UnaryOperator.identity());
    }

    /** The DKIM signer, when PICKS_DKIM_* are set. */
    public Optional<UnaryOperator<MimeMessage>> dkim() {
        MailConfig mail = MailConfig.from(settings);
        if (mail.dkim().isEmpty()) return Optional.empty();
        MailConfig.Dkim d = mail.dkim().get();
        try {
            return Optional.of(DkimSigning.load(d.domain(), d.selector(), d.keyFile())::sign);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("PICKS_DKIM_KEY: " + e.getMessage());
        }
    }

    /** Sign-up, confirmation, account changes and data rights, mailing through {@code smtp}. */
    public SelfService selfService(SmtpConfig smtp) {
        return SelfService.create(
                database.dsl(),
                subscribers(),
                categories(),
                MailConfig.from(settings),
                smtp,
                SignupConfig.from(settings),
                signer(),
                clock);
    }

    /** The bounce mailbox poller, when PICKS_BOUNCE_IMAP_HOST is set. */
    public Optional<BounceMailbox> bounceMailbox() {
        BounceConfig bounces = BounceConfig.from(settings);
        MailConfig mail = MailConfig.from(settings);
        return bounces.imap()
                .map(imap -> new BounceMailbox(
                        imap,
                        new ReportParser(mail),
                        new BounceActions(
                                database.dsl(),
                                subscribers(),
                                new LinkTokens(mail.secret()),
                                bounces.softBounceLimit(),
                                clock)));
    }

    @Override
    public void close() {
        database.close();
        metrics.close();
        if (embedded != null) embedded.close();
    }
}
