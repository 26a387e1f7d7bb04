package com.picksdigest.cli;

import com.picksdigest.App;
import com.picksdigest.db.Migrations;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Create or upgrade the database schema (safe to run again: applied migrations are skipped).")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    CommandRun run;

    @Override
    public Integer call() {
        try (App app = App.boot(run.context().settings(), run.context().clock())
                .withoutMigrating()
                .open()) {
            MigrateResult r = Migrations.migrate(app.database().dataSource());
            run.out()
                    .printf(
                            "Schema at version %s: %d migration(s) applied.%n",
                            r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion,
                            r.migrationsExecuted);
            return 0;
        }
    }
}
