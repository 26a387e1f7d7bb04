package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.db.generated.tables.records.PicksRecord;
import com.picksdigest.db.types.PickStatus;
import com.picksdigest.picks.PickInput;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jooq.Record;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "picks",
        mixinStandardHelpOptions = true,
        description = "Curate picks.",
        subcommands = {
            PicksCommand.Add.class,
            PicksCommand.ListCmd.class,
            PicksCommand.Publish.class,
            PicksCommand.Retract.class
        })
final class PicksCommand {
    static final String ACTOR = "cli";

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a pick (a draft unless --publish).")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Option(names = "--title", required = true)
        String title;

        @Option(names = "--url", required = true)
        String url;

        @Option(names = "--category", required = true, description = "Category name or slug.")
        String category;

        @Option(names = "--summary")
        String summary;

        @Option(names = "--source", description = "Source name, e.g. \"AI News via Google News\".")
        String source;

        @Option(names = "--source-url")
        String sourceUrl;

        @Option(names = "--image-url")
        String imageUrl;

        @Option(names = "--position", description = "Editor's order within a day (lower first).")
        Integer position;

        @Option(names = "--publish", description = "Publish now.")
        boolean publish;

        @Option(names = "--publish-at", description = "Publish at this instant (ISO-8601, e.g. 2026-11-25T08:00:00Z).")
        Instant publishAt;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                PicksRecord r = app.picks()
                        .add(
                                new PickInput(
                                        title, url, summary, source, sourceUrl, imageUrl, category, position, publish,
                                        publishAt),
                                ACTOR);
                run.out().printf("Added pick #%d (%s).%n", r.getId(), r.getStatus());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List picks, newest first.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Option(names = "--status", description = "candidate, draft, published or retracted.")
        PickStatus status;

        @Option(names = "--category")
        String category;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                PrintWriter out = run.out();
                for (Record r : app.picks().list(status, category, Math.max(1, Math.min(limit, 10_000)))) {
                    out.printf(
                            "%5d  %-9s  %-19s  %-18s  %s%n",
                            r.get(PICKS.ID),
                            r.get(PICKS.STATUS),
                            r.get(PICKS.PUBLISHED_AT) == null
                                    ? "-"
                                    : r.get(PICKS.PUBLISHED_AT)
                                            .toString()
                                            .replace('T', ' ')
                                            .substring(0, 16),
                            r.get(CATEGORIES.NAME),
                            r.get(PICKS.TITLE));
                }
            });
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a pick now.")
    static final class Publish implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                PicksRecord r = app.picks().publish(id, ACTOR);
                run.out().printf("Pick #%d published at %s UTC.%n", r.getId(), r.getPublishedAt());
            });
        }
    }

    @Command(
            name = "retract",
            mixinStandardHelpOptions = true,
            description = "Retract a pick: it never appears in a digest again.")
    static final class Retract implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                app.picks().retract(id, ACTOR);
                run.out().printf("Pick #%d retracted.%n", id);
            });
        }
    }
}
