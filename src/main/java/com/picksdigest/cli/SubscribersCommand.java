package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.App;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.config.MailConfig;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.subscribers.CsvImport;
import com.picksdigest.subscribers.EmailAddresses;
import com.picksdigest.subscribers.SubscriberData;
import com.picksdigest.subscribers.SubscriberInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jooq.Record;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "subscribers",
        mixinStandardHelpOptions = true,
        description = "Manage subscribers.",
        subcommands = {
            SubscribersCommand.Add.class,
            SubscribersCommand.ListCmd.class,
            SubscribersCommand.Import.class,
            SubscribersCommand.Export.class,
            SubscribersCommand.Erase.class,
            SubscribersCommand.Links.class
        })
final class SubscribersCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add an active subscriber (no confirmation e-mail).")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--name")
        String name;

        @Option(names = "--timezone", description = "IANA zone, default UTC.")
        String timezone;

        @Option(names = "--hour", description = "Local send hour 0-23, default 8.")
        Integer hour;

        @Option(names = "--weekly", description = "Weekly on this day (1 = Monday ... 7 = Sunday) instead of daily.")
        Integer weekday;

        @Option(names = "--text", description = "Plain-text e-mails only.")
        boolean text;

        @Option(
                names = "--locale",
                description =
                        "A BCP 47 language tag: en, de, fr, es, pt-BR, ja, ar or one an operator added; default en.")
        String locale;

        @Option(names = "--category", description = "Follow this category (repeatable); none = all.")
        List<String> categories;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                SubscribersRecord r = app.subscribers()
                        .add(
                                new SubscriberInput(
                                        email,
                                        name,
                                        timezone,
                                        hour,
                                        (weekday == null ? Frequency.DAILY : Frequency.WEEKLY).stored(),
                                        weekday,
                                        (text ? DigestFormat.TEXT : DigestFormat.HTML).stored(),
                                        locale,
                                        categories),
                                SubscriberStatus.ACTIVE);
                run.out().printf("Added subscriber #%d %s.%n", r.getId(), r.getEmail());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List subscribers.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Option(names = "--status", description = "pending, active, unsubscribed, bounced or complained.")
        SubscriberStatus status;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                PrintWriter out = run.out();
                for (Record r : app.subscribers().list(status, Math.max(1, Math.min(limit, 100_000)))) {
                    out.printf(
                            "%6d  %-36s %-12s %-20s %02d:00 %-6s %s%n",
                            r.get(SUBSCRIBERS.ID),
                            r.get(SUBSCRIBERS.EMAIL),
                            r.get(SUBSCRIBERS.STATUS),
                            r.get(SUBSCRIBERS.TIMEZONE),
                            r.get(SUBSCRIBERS.SEND_HOUR),
                            r.get(SUBSCRIBERS.FREQUENCY),
                            r.get(SUBSCRIBERS.FORMAT));
                }
            });
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Import active subscribers from a CSV file with a header row: email,name,timezone,send_hour,"
                    + "frequency,weekday,format,locale,categories (categories separated by ';'). Bad lines are reported "
                    + "and skipped; good lines are imported.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "FILE.csv")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(file)) throw new InvalidInputException("Cannot read " + file + ".");
            // Invalid bytes become U+FFFD, which CsvImport refuses line by line: one bad byte must not abort the
            // import.
            CharsetDecoder utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (App app = run.open();
                    BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8))) {
                PrintWriter out = run.out();
                PrintWriter err = run.err();
                CsvImport.Report report = app.csvImport().run(in, line -> {
                    if (line % 1000 == 0) err.printf("... line %d%n", line);
                });
                for (CsvImport.LineError e : report.errors()) err.printf("line %d: %s%n", e.line(), e.message());
                out.printf(
                        "Imported %d subscriber(s); %d line(s) refused.%n",
                        report.imported(), report.errors().size());
                return report.errors().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "Print everything stored about one subscriber as JSON (profile, follows, deliveries, events).")
    static final class Export implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            return run.withApp(app -> run.out().println(app.subscriberData().export(existing(app, email))));
        }
    }

    @Command(
            name = "erase",
            mixinStandardHelpOptions = true,
            description = "Erase one subscriber (profile, follows, deliveries, events) and put the address on the "
                    + "suppression list, so no import or sign-up adds it again. An address nobody has is suppressed all "
                    + "the same.")
    static final class Erase implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            String address = EmailAddresses.parse(email, true);
            return run.withApp(app -> {
                SubscriberData data = app.subscriberData();
                SubscribersRecord s = app.subscribers().findByEmail(address);
                if (s != null && data.erase(s)) {
                    run.out().printf("Erased subscriber #%d; the address is suppressed.%n", s.getId());
                } else {
                    data.suppress(address);
                    run.out().println("No subscriber had that address; it is suppressed now.");
                }
            });
        }
    }

    /** The subscriber with this address, or InvalidInputException (exit 1 with one sentence). */
    private static SubscribersRecord existing(App app, String email) {
        SubscribersRecord s = app.subscribers().findByEmail(EmailAddresses.parse(email, true));
        if (s == null) throw new InvalidInputException("No subscriber has the address " + email.strip() + ".");
        return s;
    }

    @Command(
            name = "links",
            mixinStandardHelpOptions = true,
            description = "Print a subscriber's current unsubscribe and preference links (for support requests).")
    static final class Links implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                MailConfig mail = app.mailConfig();
                SubscribersRecord s = existing(app, email);
                String token = app.linkTokens().issue(s.getId(), s.getTokenVersion());
                PrintWriter out = run.out();
                out.println("unsubscribe: " + mail.link("/u/" + token));
                out.println("preferences: " + mail.link("/prefs/" + token));
            });
        }
    }
}
