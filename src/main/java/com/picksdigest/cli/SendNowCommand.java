package com.picksdigest.cli;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.delivery.DeliveryLedger;
import com.picksdigest.delivery.DryRun;
import com.picksdigest.delivery.RunStats;
import com.picksdigest.delivery.Sending;
import com.picksdigest.subscribers.EmailAddresses;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "send-now",
        mixinStandardHelpOptions = true,
        description = "Send today's digest now to everyone due today, whatever their hour (or to one subscriber). "
                + "Subscribers who already had today's digest are not sent another.")
final class SendNowCommand implements Callable<Integer> {
    @Mixin
    CommandRun run;

    @Option(names = "--dry-run", description = "Select and render every digest, send nothing, change nothing.")
    boolean dryRun;

    @Option(names = "--subscriber", paramLabel = "EMAIL", description = "Only this subscriber.")
    String email;

    @Override
    public Integer call() throws InterruptedException {
        return run.withApp(app -> {
            PrintWriter out = run.out();
            Optional<String> only = Optional.empty();
            if (email != null) {
                SubscribersRecord s = app.subscribers().findByEmail(EmailAddresses.parse(email, true));
                if (s == null) throw new InvalidInputException("No subscriber " + email + ".");
                if (s.getStatus() != SubscriberStatus.ACTIVE) {
                    throw new InvalidInputException(email + " is " + s.getStatus() + ", not active: nothing to send.");
                }
                only = Optional.of(s.getEmailKey());
            }
            if (dryRun) {
                DryRun.Report r = app.dryRun().run(only);
                out.printf(
                        "Dry run: %d digest(s) would be sent, %d subscriber(s) have nothing new; %d KB rendered; nothing sent.%n",
                        r.wouldSend(), r.nothingNew(), r.renderedBytes() / 1024);
                return;
            }
            app.relaysConfig().require();
            app.checkTemplates();
            Sending sending = app.sending();
            int queued = sending.enqueueAll(only);
            DeliveryLedger ledger = app.ledger();
            RunStats stats = sending.workers().stats();
            double secs;
            try (ProgressLine progress = new ProgressLine(
                    run.err(),
                    stats,
                    () -> ledger.workable(LocalDateTime.now(app.clock().withZone(ZoneOffset.UTC))),
                    2000)) {
                sending.workers().drain(Duration.ofDays(1));
                secs = progress.elapsedSeconds();
            }
            int waiting = ledger.outstanding();
            out.printf(
                    "send-now: %d queued; %s in %.1f s (%.1f msg/s)%s%n",
                    queued,
                    stats.summary(),
                    secs,
                    secs > 0 ? stats.sent.sum() / secs : 0,
                    waiting > 0 ? "; " + waiting + " wait for a retry that serve will make" : "");
        });
    }
}
