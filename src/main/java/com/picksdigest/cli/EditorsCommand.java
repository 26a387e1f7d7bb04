package com.picksdigest.cli;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.editors.Editor;
import com.picksdigest.editors.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "editors",
        mixinStandardHelpOptions = true,
        description = "Manage the accounts of the editors' workspace.",
        subcommands = {EditorsCommand.Add.class, EditorsCommand.ListCmd.class})
final class EditorsCommand {
    static final String ACTOR = "cli";

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description =
                    "Add an editor. The password is asked for twice, without echo, at a terminal; otherwise it is "
                            + "the first line of standard input (e.g. from a secrets file). At least 10 characters.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Parameters(paramLabel = "EMAIL")
        String email;

        @Option(names = "--admin", description = "An admin: also manages editors and sees settings and the audit log.")
        boolean admin;

        @Option(names = "--name")
        String name;

        @Override
        public Integer call() throws IOException {
            String password = password();
            return run.withApp(app -> {
                Editor e = app.editorAccounts().add(email, name, password, admin ? Role.ADMIN : Role.EDITOR);
                app.audit()
                        .record(
                                ACTOR,
                                "create",
                                "editor",
                                e.id(),
                                e.email() + " as " + e.role().db());
                run.out().printf("Added %s #%d %s.%n", e.role().db(), e.id(), e.email());
            });
        }

        private String password() throws IOException {
            Console console = System.console();
            if (console != null && run.context().in() == System.in) {
                char[] first = console.readPassword("Password for %s: ", email);
                char[] second = console.readPassword("Again: ");
                try {
                    if (first == null || second == null || !Arrays.equals(first, second)) {
                        throw new InvalidInputException("The two passwords differ; nothing was saved.");
                    }
                    return new String(first);
                } finally {
                    if (first != null) Arrays.fill(first, ' ');
                    if (second != null) Arrays.fill(second, ' ');
                }
            }
            String line =
                    new BufferedReader(new InputStreamReader(run.context().in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new InvalidInputException("No password on standard input: give it as the first line.");
            }
            return line;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List editors.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        CommandRun run;

        @Override
        public Integer call() {
            return run.withApp(app -> {
                PrintWriter out = run.out();
                for (Editor e : app.editorAccounts().list()) {
                    out.printf(
                            "%5d  %-6s  %s%s%n",
                            e.id(), e.role().db(), e.email(), e.name() == null ? "" : "  (" + e.name() + ")");
                }
            });
        }
    }
}
