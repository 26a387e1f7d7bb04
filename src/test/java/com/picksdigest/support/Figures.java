package com.picksdigest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The numbers behind the README's reliability table: each scenario appends one line to
 * target/reliability-figures.tsv (and to the test output), so a run leaves its own record to quote.
 */
public final class Figures {
    private static final Path FILE = Path.of("target", "reliability-figures.tsv");

    private Figures() {}

    public static void record(String scenario, int runs, long messages, long lost, long duplicated, Duration recovery) {
        String line = String.join(
                "\t",
                Instant.now().toString(),
                scenario,
                String.valueOf(runs),
                String.valueOf(messages),
                String.valueOf(lost),
                String.valueOf(duplicated),
                String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0));
        System.out.println("RELIABILITY " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
