package com.picksdigest.cli;

import com.picksdigest.App;
import com.picksdigest.db.Migrations;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Create or upgrade the database schema (safe to run again: applied migrations are skipped).")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final CliContext ctx;

    MigrateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        try (App app = App.boot(ctx.settings(), ctx.clock()).withoutMigrating().open()) {
            MigrateResult r = Migrations.migrate(app.database().dataSource());
            CliContext.out(spec)
                    .printf(
                            "Schema at version %s: %d migration(s) applied.%n",
                            r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion,
                            r.migrationsExecuted);
            return 0;
        }
    }
}
