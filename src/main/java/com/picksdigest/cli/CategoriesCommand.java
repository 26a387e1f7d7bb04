package com.picksdigest.cli;

import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "categories",
        mixinStandardHelpOptions = true,
        description = "Manage categories.",
        subcommands = {CategoriesCommand.Add.class, CategoriesCommand.ListCmd.class})
final class CategoriesCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a category.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "NAME", description = "Display name, e.g. \"AI Whole Tech\".")
        String name;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                CategoriesRecord r = app.categories().add(name);
                run.out().printf("Added category #%d %s (%s).%n", r.getId(), r.getName(), r.getSlug());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active categories.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                for (CategoriesRecord r : app.categories().active()) {
                    run.out().printf("%4d  %-24s %s%n", r.getId(), r.getSlug(), r.getName());
                }
            });
        }
    }
}
