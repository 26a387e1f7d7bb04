package com.picksdigest.cli;

import com.picksdigest.App;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command needs from picocli and the top: its output streams, the context, and the application opened
 * for the length of one call. A picocli mixin, so a command gains it with one field and keeps its own options.
 * picocli refuses a mixin class without a picocli annotation of its own (an {@code @Spec} does not count); the bare
 * {@code @Command} is that annotation and adds nothing to the command's usage.
 */
@Command
final class CommandRun {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final CliContext ctx;

    CommandRun(CliContext ctx) {
        this.ctx = ctx;
    }

    CliContext context() {
        return ctx;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    App open() {
        return ctx.open();
    }

    /** Opens the application, does the work and closes it: exit code 0 unless the work throws. */
    <E extends Exception> int withApp(Work<E> work) throws E {
        try (App app = ctx.open()) {
            work.on(app);
            return 0;
        }
    }

    interface Work<E extends Exception> {
        void on(App app) throws E;
    }
}
