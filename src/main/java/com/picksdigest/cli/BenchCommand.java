package com.picksdigest.cli;

import com.picksdigest.bench.Bench;
import com.picksdigest.common.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure one full edition end to end in a scratch database (picks_bench) against an SMTP sink, "
                + "with Postfix's smtp-source and plain Jakarta Mail measured in the same run as references.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommandRun run;

    @Option(
            names = "--subscribers",
            defaultValue = "10000",
            description = "Subscribers to seed (default ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(
            names = "--threads",
            defaultValue = "4",
            description = "Send threads and SMTP connections (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--smtp", paramLabel = "HOST:PORT", description = "Send to this sink instead of starting one.")
    String smtp;

    @Option(
            names = "--db",
            paramLabel = "SERVER-URL",
            description =
                    "A MySQL/MariaDB server (jdbc:mysql://host:3306/); the bench recreates its own schema picks_bench there. Default: embedded MariaDB.")
    String db;

    @Option(
            names = "--postfix-tools",
            paramLabel = "DIR",
            description = "Where smtp-sink and smtp-source are (a dpkg -x of the postfix package). Default: PATH.")
    Path postfixTools;

    @Option(names = "--no-references", description = "Skip the reference measurements.")
    boolean noReferences;

    @Option(
            names = "--naive-sample",
            defaultValue = "200",
            description = "Messages for the naive baseline (default ${DEFAULT-VALUE}).")
    int naiveSample;

    @Option(
            names = "--tuned-sample",
            defaultValue = "5000",
            description = "Messages for the tuned baseline (default ${DEFAULT-VALUE}).")
    int tunedSample;

    @Option(
            names = "--relay-rtt",
            paramLabel = "MS",
            defaultValue = "0",
            description =
                    "Put the sink this many milliseconds of round trip away (a delaying proxy), as a remote relay would be.")
    int relayRtt;

    @Override
    public Integer call() throws Exception {
        if (subscribers < 1 || subscribers > 10_000_000)
            throw new InvalidInputException("--subscribers must be from 1 to 10,000,000.");
        if (threads < 1 || threads > 64) throw new InvalidInputException("--threads must be from 1 to 64.");
        if (smtp != null && !smtp.matches("[^:\\s]+:\\d{1,5}"))
            throw new InvalidInputException("--smtp must be HOST:PORT, not \"" + smtp + "\".");
        if (relayRtt < 0 || relayRtt > 1000)
            throw new InvalidInputException("--relay-rtt must be from 0 to 1000 milliseconds.");
        if (db != null && !db.startsWith("jdbc:mysql://"))
            throw new InvalidInputException("--db must be a jdbc:mysql:// server URL.");
        new Bench(
                        new Bench.Options(
                                subscribers,
                                threads,
                                Optional.ofNullable(smtp),
                                Optional.ofNullable(db),
                                Optional.ofNullable(postfixTools),
                                !noReferences,
                                Math.max(1, naiveSample),
                                Math.max(1, tunedSample),
                                relayRtt),
                        run.context().settings(),
                        run.context().clock(),
                        run.out())
                .run();
        return 0;
    }
}
