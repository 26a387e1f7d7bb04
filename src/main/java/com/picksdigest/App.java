package com.picksdigest;

import com.picksdigest.api.ApiKeys;
import com.picksdigest.api.Idempotency;
import com.picksdigest.api.ImportJobs;
import com.picksdigest.api.RateLimits;
import com.picksdigest.bounces.BounceActions;
import com.picksdigest.bounces.BounceMailbox;
import com.picksdigest.bounces.ReportParser;
import com.picksdigest.common.Hmac;
import com.picksdigest.common.Version;
import com.picksdigest.config.AdminConfig;
import com.picksdigest.config.BounceConfig;
import com.picksdigest.config.ConfigException;
import com.picksdigest.config.DbConfig;
import com.picksdigest.config.HooksConfig;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.OutboundConfig;
import com.picksdigest.config.RelaysConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.config.WebConfig;
import com.picksdigest.config.WebhookConfig;
import com.picksdigest.db.Database;
import com.picksdigest.db.EmbeddedMariaDb;
import com.picksdigest.db.Migrations;
import com.picksdigest.delivery.DeliveryLedger;
import com.picksdigest.delivery.DeliveryProcessor;
import com.picksdigest.delivery.DigestIds;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.delivery.DryRun;
import com.picksdigest.delivery.DueDeliveries;
import com.picksdigest.delivery.EditionCompletion;
import com.picksdigest.delivery.SendWorkers;
import com.picksdigest.delivery.Sending;
import com.picksdigest.demo.DemoImages;
import com.picksdigest.digest.ClickLinks;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.digest.TemplateCheck;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.editing.PickEditing;
import com.picksdigest.editors.AuditLog;
import com.picksdigest.editors.EditorAccounts;
import com.picksdigest.editors.LoginThrottle;
import com.picksdigest.editors.Passwords;
import com.picksdigest.editors.Sessions;
import com.picksdigest.editors.SignIn;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.Languages;
import com.picksdigest.mail.DkimSigning;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.smtp.SmtpMessenger;
import com.picksdigest.metrics.ProcessMetrics;
import com.picksdigest.notes.EditionNotes;
import com.picksdigest.notes.NoteRendering;
import com.picksdigest.outbound.AddressPolicy;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.outbound.Resolver;
import com.picksdigest.picks.Categories;
import com.picksdigest.picks.FeedImport;
import com.picksdigest.picks.Feeds;
import com.picksdigest.picks.PickService;
import com.picksdigest.previews.DigestPreviews;
import com.picksdigest.providers.BounceHookRoutes;
import com.picksdigest.providers.HookTokens;
import com.picksdigest.providers.ProviderReports;
import com.picksdigest.reports.EditionReports;
import com.picksdigest.reports.InsightReports;
import com.picksdigest.reports.SubscriberHistory;
import com.picksdigest.reports.SubscriberSearch;
import com.picksdigest.reports.SubscriberStats;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.subscribers.AccountChanges;
import com.picksdigest.subscribers.Background;
import com.picksdigest.subscribers.Confirmations;
import com.picksdigest.subscribers.CsvImport;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.MailLimits;
import com.picksdigest.subscribers.NoticeMails;
import com.picksdigest.subscribers.Signups;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberService;
import com.picksdigest.web.CsrfTokens;
import com.picksdigest.web.HealthChecks;
import com.picksdigest.web.MetricsPage;
import com.picksdigest.web.OpsRoutes;
import com.picksdigest.web.PublicRoutes;
import com.picksdigest.web.WebServer;
import com.picksdigest.web.admin.AdminRoutes;
import com.picksdigest.web.api.ApiRoutes;
import com.picksdigest.webhooks.WebhookRelay;
import com.picksdigest.webhooks.Webhooks;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.quartz.SchedulerException;

/**
 * The composition root: the one place that builds the application's services, each once, by constructor, and hands
 * each what it needs. Commands, the web server and the scheduler take what they use from here; nothing else builds
 * a service. Services are built on first use, so a command that only adds a category needs neither a relay nor a
 * secret.
 */
public final class App implements AutoCloseable {
    public static final String EMBEDDED_SCHEMA = "picks";

    /**
     * What tests may replace; everything else comes from the settings. Production uses {@link #DEFAULT}.
     *
     * @param passwords    how editors' passwords are hashed and checked; null for bcrypt at
     *                     {@link Passwords#DEFAULT_COST} (tests lower the cost, or count the checks)
     * @param healthChecks extra entries for the health report, replacing the relay and scheduler probes (web tests
     *                     without either); null for the real ones
     * @param feedHttp     the guarded client feeds are fetched with; null for the system resolver and the public-only
     *                     address policy (tests resolve their own names to loopback servers they treat as public)
     * @param providerHttp the guarded client SNS signing certificates and subscription confirmations are fetched
     *                     with; null for the system resolver, public addresses only and the JVM's trusted authorities
     *                     (tests resolve the SNS host to a loopback server whose certificate they trust)
     * @param webhookHttp  the guarded client webhooks are sent with; null for the system resolver and the address
     *                     policy PICKS_WEBHOOK_ALLOW_PRIVATE says
     */
    public record Seams(
            Passwords passwords,
            Supplier<Map<String, String>> healthChecks,
            GuardedHttp feedHttp,
            GuardedHttp providerHttp,
            GuardedHttp webhookHttp) {
        public static final Seams DEFAULT = new Seams(null, null, null, null, null);

        public Seams withPasswords(Passwords p) {
            return new Seams(p, healthChecks, feedHttp, providerHttp, webhookHttp);
        }

        public Seams withHealthChecks(Supplier<Map<String, String>> checks) {
            return new Seams(passwords, checks, feedHttp, providerHttp, webhookHttp);
        }

        public Seams withFeedHttp(GuardedHttp http) {
            return new Seams(passwords, healthChecks, http, providerHttp, webhookHttp);
        }

        public Seams withProviderHttp(GuardedHttp http) {
            return new Seams(passwords, healthChecks, feedHttp, http, webhookHttp);
        }

        public Seams withWebhookHttp(GuardedHttp http) {
            return new Seams(passwords, healthChecks, feedHttp, providerHttp, http);
        }
    }

    /** How to open: the database to use and whether to migrate it. */
    public static final class Boot {
        private final Settings settings;
        private final Clock clock;
        private boolean migrate = true;
        private String freshEmbeddedSchema;
        private Seams seams = Seams.DEFAULT;

        private Boot(Settings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        /** Leaves the schema as it is (the migrate command reports what it does itself; tests migrate up front). */
        public Boot withoutMigrating() {
            migrate = false;
            return this;
        }

        /** A database of its own inside the embedded server, emptied first, so every run starts the same (demo, bench). */
        public Boot freshEmbedded(String schema) {
            freshEmbeddedSchema = schema;
            return this;
        }

        public Boot seams(Seams s) {
            seams = s;
            return this;
        }

        public App open() {
            return App.open(this);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Seams seams;
    private final EmbeddedMariaDb embedded;
    private final Database database;
    private final ProcessMetrics metrics;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private App(
            Settings settings,
            Clock clock,
            Seams seams,
            EmbeddedMariaDb embedded,
            Database database,
            ProcessMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.seams = seams;
        this.embedded = embedded;
        this.database = database;
        this.metrics = metrics;
    }

    public static Boot boot(Settings settings, Clock clock) {
        return new Boot(settings, clock);
    }

    /** The database named by PICKS_DB_URL (else the embedded one), migrated. */
    public static App open(Settings settings, Clock clock) {
        return boot(settings, clock).open();
    }

    private static App open(Boot b) {
        DbConfig cfg = DbConfig.from(b.settings);
        boolean fresh = b.freshEmbeddedSchema != null;
        EmbeddedMariaDb embedded = null;
        String url;
        if (cfg.url().isPresent() && !fresh) {
            url = cfg.url().get();
        } else {
            embedded = EmbeddedMariaDb.start(cfg.dataDir().resolve("mariadb"));
            String schema = fresh ? b.freshEmbeddedSchema : EMBEDDED_SCHEMA;
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
            if (b.migrate) Migrations.migrate(db.dataSource());
        } catch (RuntimeException e) {
            metrics.close();
            if (embedded != null) embedded.close();
            throw e;
        }
        return new App(b.settings, b.clock, b.seams, embedded, db, metrics);
    }

    // ---- settings ------------------------------------------------------------------------------------------------

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    /** This process's one meter registry: what /metrics shows. */
    public ProcessMetrics metrics() {
        return metrics;
    }

    private Seams seams() {
        return seams;
    }

    private DSLContext db() {
        return database.dsl();
    }

    private final Once<MailConfig> mail = new Once<>(() -> MailConfig.from(settings()));
    private final Once<RelaysConfig> relays = new Once<>(() -> RelaysConfig.from(settings()));
    private final Once<SendConfig> send = new Once<>(() -> SendConfig.from(settings()));
    private final Once<AdminConfig> admin = new Once<>(() -> AdminConfig.from(settings()));
    private final Once<SignupConfig> signup = new Once<>(() -> SignupConfig.from(settings()));
    private final Once<BounceConfig> bounce = new Once<>(() -> BounceConfig.from(settings()));
    private final Once<WebConfig> web = new Once<>(() -> WebConfig.from(settings()));

    /** Sender, site, links and signing: needs PICKS_SECRET. */
    public MailConfig mailConfig() {
        return mail.get();
    }

    /** The relay (PICKS_SMTP_HOST ...) or relays (PICKS_SMTP_RELAYS) digests leave through. */
    public RelaysConfig relaysConfig() {
        return relays.get();
    }

    public SendConfig sendConfig() {
        return send.get();
    }

    public AdminConfig adminConfig() {
        return admin.get();
    }

    public WebConfig webConfig() {
        return web.get();
    }

    // ---- picks and subscribers -----------------------------------------------------------------------------------

    private final Once<Categories> categories = new Once<>(() -> new Categories(db()));
    private final Once<PickService> picks = new Once<>(() -> new PickService(db(), categories(), clock()));
    private final Once<SubscriberService> subscribers = new Once<>(() ->
            new SubscriberService(db(), categories(), languages(), settings().bool("PICKS_SMTP_UTF8", false), clock()));
    private final Once<LinkTokens> linkTokens =
            new Once<>(() -> new LinkTokens(mailConfig().secret()));
    private final Once<SubscriberData> subscriberData = new Once<>(() -> new SubscriberData(db(), clock()));
    private final Once<CsvImport> csvImport = new Once<>(() -> new CsvImport(subscribers()));

    public Categories categories() {
        return categories.get();
    }

    public PickService picks() {
        return picks.get();
    }

    public SubscriberService subscribers() {
        return subscribers.get();
    }

    public LinkTokens linkTokens() {
        return linkTokens.get();
    }

    public SubscriberData subscriberData() {
        return subscriberData.get();
    }

    public CsvImport csvImport() {
        return csvImport.get();
    }

    // ---- templates and digests -----------------------------------------------------------------------------------

    private final Once<TemplateEngine> templates =
            new Once<>(() -> new TemplateEngine(mailConfig().templatesDir()));
    private final Once<DigestTemplates> digestTemplates = new Once<>(() -> new DigestTemplates(templates()));
    // The notes are looked up when a digest is composed, so commands that never compose one need no database for it.
    private final Once<DigestComposer> composer = new Once<>(() -> new DigestComposer(
            mailConfig(), catalogues(), date -> editionNotes().forDate(date)));
    private final Once<EditionNotes> editionNotes =
            new Once<>(() -> new EditionNotes(db(), audit(), new NoteRendering(), clock()));

    /** The editor's notes, one per edition date, shown at the top of that date's digests. */
    public EditionNotes editionNotes() {
        return editionNotes.get();
    }

    private final Once<Catalogues> catalogues = new Once<>(
            // Read here rather than through MailConfig: commands that only check a language need no mail secret.
            () -> new Catalogues(settings().optional("PICKS_TEMPLATES_DIR").map(java.nio.file.Path::of)));
    private final Once<Languages> languages = new Once<>(() -> new Languages(catalogues()));

    /** The message catalogues of every language, shipped and dropped in: e-mails and pages alike. */
    public Catalogues catalogues() {
        return catalogues.get();
    }

    /** The one check of a language tag, whichever way it comes in. */
    public Languages languages() {
        return languages.get();
    }

    private final Once<DigestPlanner> planner =
            new Once<>(() -> new DigestPlanner(db(), mailConfig().maxItems(), clock()));
    private final Once<DigestMessage> digestMessages = new Once<>(() -> new DigestMessage(mailConfig(), clock()));
    private final Once<ClickLinks> clickLinks = new Once<>(
            () -> new ClickLinks(mailConfig().secret(), mailConfig().baseUrl().toString()));

    /** The one FreeMarker configuration: e-mail and page templates alike. */
    public TemplateEngine templates() {
        return templates.get();
    }

    public DigestTemplates digestTemplates() {
        return digestTemplates.get();
    }

    public DigestComposer composer() {
        return composer.get();
    }

    public DigestPlanner planner() {
        return planner.get();
    }

    public DigestMessage digestMessages() {
        return digestMessages.get();
    }

    public ClickLinks clickLinks() {
        return clickLinks.get();
    }

    private PickLinks pickLinks() {
        return adminConfig().trackClicks() ? clickLinks() : PickLinks.DIRECT;
    }

    // ---- mail ----------------------------------------------------------------------------------------------------

    private final Once<Optional<UnaryOperator<MimeMessage>>> dkim = new Once<>(this::loadDkim);
    private final Once<Messenger> messenger = new Once<>(() -> new SmtpMessenger(
            relaysConfig(), mailConfig().senderDomain(), metrics().registry()));

    /** The DKIM signer when PICKS_DKIM_* are set. */
    public Optional<UnaryOperator<MimeMessage>> dkim() {
        return dkim.get();
    }

    private Optional<UnaryOperator<MimeMessage>> loadDkim() {
        return mailConfig().dkim().map(d -> {
            try {
                return DkimSigning.load(d.domain(), d.selector(), d.keyFile())::sign;
            } catch (IllegalArgumentException e) {
                throw new ConfigException("PICKS_DKIM_KEY: " + e.getMessage());
            }
        });
    }

    /** The way out to the relays (PICKS_SMTP_*); nothing else opens SMTP. */
    public Messenger messenger() {
        return messenger.get();
    }

    // ---- self-service --------------------------------------------------------------------------------------------

    private final Once<NoticeMails> notices = new Once<>(() -> new NoticeMails(
            mailConfig(),
            messenger(),
            digestTemplates(),
            catalogues(),
            dkim().orElse(UnaryOperator.identity()),
            linkTokens(),
            clock()));
    private final Once<Confirmations> confirmations = new Once<>(() -> new Confirmations(
            db(), new LinkTokens(Hmac.derive(mailConfig().secret(), Confirmations.KEY_PURPOSE)), clock()));
    private final Once<Background> background = new Once<>(() -> closing(new Background()));
    private final Once<MailLimits> mailLimits = new Once<>(() -> new MailLimits(clock()));
    private final Once<Signups> signups = new Once<>(() -> new Signups(
            db(),
            subscribers(),
            categories(),
            confirmations(),
            notices(),
            background.get(),
            mailLimits.get(),
            signup.get(),
            clock()));
    private final Once<AccountChanges> accountChanges = new Once<>(() -> new AccountChanges(
            db(), subscribers(), confirmations(), notices(), background.get(), mailLimits.get(), clock()));

    public NoticeMails notices() {
        return notices.get();
    }

    public Confirmations confirmations() {
        return confirmations.get();
    }

    public Signups signups() {
        return signups.get();
    }

    public AccountChanges accountChanges() {
        return accountChanges.get();
    }

    /** The hourly clean-up of sign-ups nobody confirmed. */
    private ScheduledTask expireSignupsTask() {
        return signups().expiryTask();
    }

    // ---- sending -------------------------------------------------------------------------------------------------

    private final Once<DeliveryLedger> ledger = new Once<>(() -> new DeliveryLedger(db()));
    private final Once<DueDeliveries> due = new Once<>(() -> new DueDeliveries(db()));
    private final Once<Sending> sending = new Once<>(this::buildSending);
    private final Once<DryRun> dryRun = new Once<>(
            () -> new DryRun(db(), due.get(), planner(), composer(), digestTemplates(), linkTokens(), clock()));

    public DeliveryLedger ledger() {
        return ledger.get();
    }

    /** The dispatch and this process's send workers. */
    public Sending sending() {
        return sending.get();
    }

    private Sending buildSending() {
        SendConfig cfg = sendConfig();
        DeliveryProcessor processor = new DeliveryProcessor(
                ledger(),
                new DigestIds(db()),
                planner(),
                composer(),
                digestTemplates(),
                digestMessages(),
                dkim(),
                linkTokens(),
                mailConfig(),
                cfg,
                clock,
                pickLinks());
        Messenger out = messenger();
        SendWorkers workers = new SendWorkers(ledger(), processor, out::openChannel, cfg, clock, metrics.registry());
        return closing(new Sending(due.get(), workers, new EditionCompletion(db()), clock));
    }

    public DryRun dryRun() {
        return dryRun.get();
    }

    /**
     * Parses every template (pages and e-mails), renders a sample digest and the notices, and checks that the digest
     * templates print the per-subscriber values untransformed: a broken template stops a start or a run, with its
     * file and line, before anything is served or sent.
     */
    public void checkTemplates() {
        new TemplateCheck(templates(), digestTemplates(), composer()).run();
        notices().check();
    }

    // ---- bounces -------------------------------------------------------------------------------------------------

    private final Once<BounceActions> bounceActions =
            new Once<>(() -> new BounceActions(db(), subscribers(), linkTokens(), bounce.get(), clock()));
    private final Once<Optional<BounceMailbox>> bounceMailbox = new Once<>(() ->
            bounce.get().imap().map(imap -> new BounceMailbox(imap, new ReportParser(mailConfig()), bounceActions())));
    private final Once<HooksConfig> hooks = new Once<>(() -> HooksConfig.from(settings()));
    private final Once<ProviderReports> providerReports =
            new Once<>(() -> new ProviderReports(bounceActions(), mailConfig().verp()));
    private final Once<GuardedHttp> providerHttp = new Once<>(() -> seams().providerHttp() != null
            ? seams().providerHttp()
            : new GuardedHttp(BounceHookRoutes.FETCH_RULES, Resolver.system(), AddressPolicy.publicOnly()));

    /** What bounce and complaint reports do, whether they come by mail or by a provider's webhook. */
    public BounceActions bounceActions() {
        return bounceActions.get();
    }

    /** The bounce mailbox poller, when PICKS_BOUNCE_IMAP_HOST is set. */
    public Optional<BounceMailbox> bounceMailbox() {
        return bounceMailbox.get();
    }

    /** Reports from the providers' bounce webhooks, handed to the same actions as the mailbox's. */
    public ProviderReports providerReports() {
        return providerReports.get();
    }

    // ---- editors and the workspace -------------------------------------------------------------------------------

    private final Once<Passwords> passwords =
            new Once<>(() -> seams().passwords() != null ? seams().passwords() : new Passwords(Passwords.DEFAULT_COST));
    private final Once<AuditLog> audit = new Once<>(() -> new AuditLog(db(), clock()));
    private final Once<EditorAccounts> editorAccounts =
            new Once<>(() -> new EditorAccounts(db(), passwords.get(), clock()));
    private final Once<Sessions> sessions =
            new Once<>(() -> new Sessions(db(), adminConfig().session(), clock()));
    private final Once<SignIn> signIn = new Once<>(() ->
            new SignIn(editorAccounts(), passwords.get(), new LoginThrottle(db(), clock()), sessions.get(), audit()));
    private final Once<GuardedHttp> feedHttp = new Once<>(
            () -> seams().feedHttp() != null ? seams().feedHttp() : FeedImport.client(OutboundConfig.from(settings())));
    private final Once<Feeds> feeds = new Once<>(() -> new Feeds(db(), categories(), clock(), feedHttp.get()));
    private final Once<FeedImport> feedImport = new Once<>(() -> closing(new FeedImport(
            db(),
            feedHttp.get(),
            "PicksDigest/" + Version.CURRENT + " (+" + mailConfig().baseUrl() + ")",
            adminConfig().feedPoll(),
            clock())));
    private final Once<EditionReports> editionReports = new Once<>(() -> new EditionReports(db()));
    private final Once<DigestPreviews> previews = new Once<>(() -> new DigestPreviews(
            subscribers(),
            categories(),
            planner(),
            composer(),
            digestTemplates(),
            digestMessages(),
            messenger(),
            mailConfig(),
            adminConfig().editorZone(),
            clock()));

    /** The next digest as one reader would get it now, and its test send: the preview page and the API. */
    public DigestPreviews previews() {
        return previews.get();
    }

    /** What went out, edition by edition (the reports pages). */
    public EditionReports editionReports() {
        return editionReports.get();
    }

    private final Once<SubscriberStats> subscriberStats = new Once<>(() -> new SubscriberStats(db()));
    private final Once<InsightReports> insightReports =
            new Once<>(() -> new InsightReports(db(), clock(), adminConfig().editorZone()));

    public AuditLog audit() {
        return audit.get();
    }

    // ---- the REST API --------------------------------------------------------------------------------------------

    private final Once<PickEditing> pickEditing = new Once<>(() -> new PickEditing(picks(), categories(), audit()));
    private final Once<ApiKeys> apiKeys = new Once<>(() -> new ApiKeys(db(), clock()));
    private final Once<ApiRoutes> apiRoutes = new Once<>(() -> new ApiRoutes(
            apiKeys(),
            new RateLimits(webConfig().apiRateLimit(), Duration.ofMinutes(1), clock()),
            new Idempotency(db(), clock()),
            picks(),
            categories(),
            pickEditing(),
            adminConfig().editorZone(),
            subscribers(),
            signups(),
            subscriberData(),
            editionReports(),
            previews(),
            importJobs(),
            audit()));
    /** Bulk imports run one at a time on their own thread, so a large file never holds a request thread. */
    private final Once<ImportJobs> importJobs = new Once<>(() -> closing(new ImportJobs(
            db(),
            csvImport(),
            subscribers(),
            signups(),
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "api-import");
                t.setDaemon(true);
                return t;
            }),
            clock())));

    public ImportJobs importJobs() {
        return importJobs.get();
    }

    /** Editors' changes to picks, candidates and categories, with their audit rows: pages and API alike. */
    public PickEditing pickEditing() {
        return pickEditing.get();
    }

    public ApiKeys apiKeys() {
        return apiKeys.get();
    }

    /** The /api/v1 routes (tests read the list of routes registered). */
    public ApiRoutes apiRoutes() {
        return apiRoutes.get();
    }

    public EditorAccounts editorAccounts() {
        return editorAccounts.get();
    }

    public FeedImport feedImport() {
        return feedImport.get();
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------

    private final Once<WebhookConfig> webhookConfig = new Once<>(() -> WebhookConfig.from(settings()));
    private final Once<GuardedHttp> webhookHttp = new Once<>(() -> seams().webhookHttp() != null
            ? seams().webhookHttp()
            : new GuardedHttp(
                    OutboundRules.of(1024 * 1024)
                            .withDeadline(webhookConfig.get().timeout()),
                    Resolver.system(),
                    webhookConfig.get().allowPrivate() ? AddressPolicy.allowingPrivate() : AddressPolicy.publicOnly()));
    private final Once<Webhooks> webhooks = new Once<>(() -> new Webhooks(db(), webhookHttp.get(), clock()));
    private final Once<WebhookRelay> webhookRelay = new Once<>(() -> closing(new WebhookRelay(
            db(),
            webhookHttp.get(),
            webhookConfig.get(),
            sendConfig().nodeId(),
            "PicksDigest-Webhooks/0.1 (+" + mailConfig().baseUrl() + ")",
            clock())));

    /** Webhook endpoints as the workspace manages them. */
    public Webhooks webhooks() {
        return webhooks.get();
    }

    /** This process's webhook sender; {@code serve} starts it. */
    public WebhookRelay webhookRelay() {
        return webhookRelay.get();
    }

    // ---- web -----------------------------------------------------------------------------------------------------

    private final Once<HealthChecks> health = new Once<>(() -> closing(new HealthChecks(
            database().dataSource(),
            seams().healthChecks() != null ? seams().healthChecks() : this::probes,
            webConfig().healthTimeout(),
            webConfig().healthFreshFor())));
    private final Once<WebServer> webServer = new Once<>(this::buildWebServer);
    private final Once<WebServer> opsServer = new Once<>(() -> closing(new WebServer(
            List.of(new OpsRoutes(health.get(), new MetricsPage(metrics().registry(), db())::handle)), null)));
    private volatile Scheduling scheduling;

    private final Once<DemoImages> demoImages = new Once<>(DemoImages::new);

    /** The demo picks' images, which the public web server serves. */
    public DemoImages demoImages() {
        return demoImages.get();
    }

    /** The public web server: subscriber pages, the archive, the editors' workspace and the click counter. */
    public WebServer webServer() {
        return webServer.get();
    }

    /** The management server: the detailed health report and /metrics, for the operator's network only. */
    public WebServer opsServer() {
        return opsServer.get();
    }

    private WebServer buildWebServer() {
        MailConfig m = mailConfig();
        CsrfTokens csrf = new CsrfTokens(m.secret());
        PublicRoutes pub = new PublicRoutes(
                templates(),
                catalogues(),
                languages(),
                m,
                subscribers(),
                categories(),
                linkTokens(),
                csrf,
                db(),
                signups(),
                confirmations(),
                accountChanges(),
                subscriberData(),
                signup.get(),
                health.get(),
                demoImages(),
                clock);
        AdminRoutes adm = new AdminRoutes(
                templates(),
                m,
                adminConfig(),
                settings,
                csrf,
                sessions.get(),
                signIn.get(),
                editorAccounts(),
                audit(),
                picks(),
                pickEditing(),
                categories(),
                feeds.get(),
                feedImport(),
                subscribers(),
                previews(),
                digestTemplates(),
                editionReports.get(),
                subscriberStats.get(),
                insightReports.get(),
                new SubscriberSearch(db()),
                new SubscriberHistory(db()),
                signups(),
                accountChanges(),
                subscriberData(),
                clickLinks(),
                apiKeys(),
                webhooks(),
                editionNotes(),
                importJobs(),
                signup.get().trustProxy(),
                db(),
                clock);
        BounceHookRoutes bounceHooks = new BounceHookRoutes(
                hooks.get(), providerReports(), new HookTokens(db(), clock), providerHttp.get(), clock);
        return closing(new WebServer(List.of(pub, adm, apiRoutes(), bounceHooks), metrics.registry()));
    }

    /** What the health report probes besides the database: the scheduler (when this process runs it) and the relay. */
    private Map<String, String> probes() {
        Map<String, String> p = new LinkedHashMap<>();
        if (scheduling != null) p.put("scheduler", scheduling.running() ? "ok" : "not running");
        p.put("smtp", messenger().probe(webConfig().healthTimeout()));
        return p;
    }

    // ---- the cluster's schedule ----------------------------------------------------------------------------------

    /** Every feature's recurring task, for the cluster's scheduler. */
    public List<ScheduledTask> scheduledTasks() {
        List<ScheduledTask> tasks = new ArrayList<>();
        tasks.add(sending().dispatchTask());
        tasks.add(expireSignupsTask());
        tasks.add(feedImport().task());
        bounceMailbox().ifPresent(b -> tasks.add(b.task()));
        return tasks;
    }

    /**
     * Joins the cluster's scheduler with {@code tasks} and starts it; the caller starts the send workers. With
     * {@code catchUp} the dispatch runs once now, for an hour missed while no node was up.
     */
    public Scheduling startScheduling(String nodeId, List<ScheduledTask> tasks, boolean catchUp)
            throws SchedulerException {
        if (scheduling != null) throw new IllegalStateException("the scheduler is already running");
        scheduling = Scheduling.create(database.dataSource(), nodeId, tasks);
        scheduling.start();
        if (catchUp) scheduling.runNow(Sending.DISPATCH_TASK);
        return scheduling;
    }

    /** Stops taking work: the scheduler stops firing, the send workers finish their messages and hand back claims. */
    public void stopSending() {
        if (scheduling != null) scheduling.close();
        sending.ifBuilt(Sending::close);
        webhookRelay.ifBuilt(WebhookRelay::close);
    }

    private <T extends AutoCloseable> T closing(T c) {
        synchronized (closeables) {
            closeables.add(c);
        }
        return c;
    }

    /**
     * Stops what was started, in the order that loses nothing: the web servers stop taking requests, the scheduler
     * stops firing, the send workers finish their messages and hand back their claims, then the rest, then the
     * database.
     */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        webServer.ifBuilt(order::add);
        opsServer.ifBuilt(order::add);
        if (scheduling != null) order.add(scheduling);
        sending.ifBuilt(order::add);
        synchronized (closeables) {
            for (AutoCloseable c : closeables) if (!order.contains(c)) order.add(c);
        }
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway: the rest must still be closed
            }
        }
        database.close();
        metrics.close();
        if (embedded != null) embedded.close();
    }

    /** Built on first use, then the same instance. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> build;
        private volatile T value;

        Once(Supplier<T> build) {
            this.build = build;
        }

        @Override
        public T get() {
            T v = value;
            if (v != null) return v;
            synchronized (this) {
                if (value == null) value = build.get();
                return value;
            }
        }

        void ifBuilt(java.util.function.Consumer<T> action) {
            T v = value;
            if (v != null) action.accept(v);
        }
    }
}
