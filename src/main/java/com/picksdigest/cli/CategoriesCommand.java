package com.picksdigest.cli;

import com.picksdigest.App;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "categories",
        mixinStandardHelpOptions = true,
        description = "Manage categories.",
        subcommands = {CategoriesCommand.Add.class, CategoriesCommand.ListCmd.class})
final class CategoriesCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a category.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Display name, e.g. \"AI Whole Tech\".")
        String name;

        private final CliContext ctx;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            try (App app = ctx.open()) {
                CategoriesRecord r = app.categories().add(name);
                CliContext.out(spec).printf("Added category #%d %s (%s).%n", r.getId(), r.getName(), r.getSlug());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active categories.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        private final CliContext ctx;

        ListCmd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            try (App app = ctx.open()) {
                for (CategoriesRecord r : app.categories().active()) {
                    CliContext.out(spec).printf("%4d  %-24s %s%n", r.getId(), r.getSlug(), r.getName());
                }
                return 0;
            }
        }
    }
}
