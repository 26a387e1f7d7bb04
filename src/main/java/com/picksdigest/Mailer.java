package com.picksdigest;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.delivery.DeliveryLedger;
import com.picksdigest.delivery.DeliveryProcessor;
import com.picksdigest.delivery.DigestIds;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.delivery.DueDeliveries;
import com.picksdigest.delivery.SendWorkers;
import com.picksdigest.delivery.SmtpConnection;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.digest.PickSelector;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.subscribers.LinkTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sending side wired together: dispatch (enqueue due deliveries), the workers, and the Quartz schedule. */
public final class Mailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final DueDeliveries due;
    private final SendWorkers workers;
    private final DigestTemplates templates;
    private final DigestComposer composer;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicInteger dispatches =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastDispatchNanos;
    private volatile int lastDispatchCreated;
    private Scheduling scheduling;

    /**
     * @param dkim  signs each digest, when DKIM is configured
     * @param links how pick links are written in each digest: as they are, or through the click counter
     * @param metrics the process's registry: the send counters and latency go there
     */
    public Mailer(
            DSLContext db,
            MailConfig mail,
            SmtpConfig smtp,
            SendConfig send,
            Optional<UnaryOperator<MimeMessage>> dkim,
            Clock clock,
            PickLinks links,
            MeterRegistry metrics) {
        this.clock = clock;
        this.templates = new DigestTemplates(mail.templatesDir());
        this.composer = new DigestComposer(mail);
        DeliveryLedger ledger = new DeliveryLedger(db);
        this.due = new DueDeliveries(db);
        DeliveryProcessor processor = new DeliveryProcessor(
                ledger,
                new DigestIds(db),
                new PickSelector(db, mail.maxItems()),
                composer,
                templates,
                new DigestMessage(mail),
                dkim,
                new LinkTokens(mail.secret()),
                mail,
                send,
                clock,
                links);
        String helo =
                mail.from().getAddress().substring(mail.from().getAddress().indexOf('@') + 1);
        this.workers = new SendWorkers(ledger, processor, () -> new SmtpConnection(smtp, helo), send, clock, metrics);
    }

    /** Template errors surface here, with file and line, before any message of the run is built. */
    public void checkTemplates() {
        templates.check();
        // a full render of a sample digest also catches what parsing cannot (an unknown variable, a bad built-in)
        DigestModel sample = composer.compose(
                LocalDate.of(2026, 1, 1),
                List.of(new SelectedPick(
                        0,
                        "Sample pick",
                        "https://example.org/sample",
                        "A sample summary.",
                        "Sample source",
                        "https://example.org",
                        null,
                        "Sample category",
                        LocalDateTime.of(2026, 1, 1, 8, 0),
                        0,
                        0)),
                new DigestComposer.Recipient("Sample Reader", "UTC", "en", "0.0.sample"));
        templates.renderHtml(sample);
        templates.renderText(sample);
    }

    /** The hourly job's work: create the deliveries whose hour has come, then wake the workers. */
    public int dispatch() {
        long t0 = System.nanoTime();
        int created = due.enqueue(clock.instant(), DueDeliveries.Mode.AT_SEND_HOUR, Optional.empty());
        lastDispatchNanos = System.nanoTime() - t0;
        lastDispatchCreated = created;
        log.info("Dispatch: {} new deliveries queued in {} ms", created, lastDispatchNanos / 1_000_000);
        workers.wake();
        dispatches.incrementAndGet();
        return created;
    }

    /** How many dispatches this process has run (the demo waits for the first one Quartz fires). */
    public int dispatchCount() {
        return dispatches.get();
    }

    public int enqueueAll(Optional<String> onlyEmailKey) {
        return due.enqueue(clock.instant(), DueDeliveries.Mode.ANY_HOUR, onlyEmailKey);
    }

    /** How long the last dispatch took to create its deliveries. */
    public long lastDispatchNanos() {
        return lastDispatchNanos;
    }

    /** How many deliveries the last dispatch created. */
    public int lastDispatchCreated() {
        return lastDispatchCreated;
    }

    public SendWorkers workers() {
        return workers;
    }

    /** Starts this node's Quartz scheduler (clustered) and the send workers; dispatches once for a missed hour. */
    public Scheduling startScheduled(javax.sql.DataSource ds, String nodeId, boolean catchUpNow)
            throws SchedulerException {
        return startScheduled(ds, nodeId, catchUpNow, List.of());
    }

    /** As above, with other features' recurring tasks (bounce polling, feed import...) in the same cluster. */
    public Scheduling startScheduled(
            javax.sql.DataSource ds, String nodeId, boolean catchUpNow, List<ScheduledTask> otherTasks)
            throws SchedulerException {
        checkTemplates();
        List<ScheduledTask> tasks = new ArrayList<>();
        tasks.add(new ScheduledTask(Scheduling.DISPATCH_TASK, "0 0 * * * ?", this::dispatch));
        tasks.addAll(otherTasks);
        scheduling = Scheduling.create(ds, nodeId, tasks);
        scheduling.start();
        workers.start();
        if (catchUpNow) scheduling.dispatchNow();
        return scheduling;
    }

    @Override
    public void close() {
        if (scheduling != null) scheduling.close();
        workers.close();
    }
}
