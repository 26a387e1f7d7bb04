package com.picksdigest.cli;

import com.picksdigest.common.InvalidInputException;
import com.picksdigest.common.Version;
import com.picksdigest.config.ConfigException;
import com.picksdigest.db.DatabaseUnreachableException;
import com.picksdigest.digest.TemplateFailure;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "picks-digest",
        mixinStandardHelpOptions = true,
        versionProvider = PicksDigestCommand.VersionProvider.class,
        description = "A self-hosted digest mailer: curated picks to each subscriber at their own hour.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            MigrateCommand.class,
            SendNowCommand.class,
            BenchCommand.class,
            PicksCommand.class,
            CategoriesCommand.class,
            SubscribersCommand.class,
            EditorsCommand.class
        })
public final class PicksDigestCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(PicksDigestCommand.class);
    private final CliContext ctx;

    @Option(
            names = "--config",
            paramLabel = "FILE.properties",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Settings file (same keys as the environment variables; the environment wins).")
    void config(Path file) {
        ctx.configFile = file;
    }

    PicksDigestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Runs one command line; returns the exit code: 0 ok, 1 failure, 2 usage error. */
    public static int run(String[] args, Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        return run(args, env, clock, System.in, out, err);
    }

    /** As above, reading standard input from {@code in}. */
    public static int run(
            String[] args,
            Map<String, String> env,
            Clock clock,
            java.io.InputStream in,
            PrintWriter out,
            PrintWriter err) {
        return run(args, new CliContext(env, clock, in), out, err);
    }

    /** As above, with the context given (a test's seams). */
    public static int run(String[] args, CliContext ctx, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PicksDigestCommand(ctx), new Factory(ctx));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(sentence(e));
            if (!expected(e)) log.error("Command failed", e);
            return 1;
        });
        return cl.execute(args);
    }

    private static boolean expected(Exception e) {
        return e instanceof ConfigException
                || e instanceof DatabaseUnreachableException
                || e instanceof InvalidInputException
                || e instanceof TemplateFailure;
    }

    static String sentence(Exception e) {
        if (e instanceof TemplateFailure)
            return "The digest templates are broken; nothing was sent. " + firstLine(e.getMessage());
        if (expected(e)) return e.getMessage();
        if (e instanceof FlywayException) return "The database migration failed: " + firstLine(e.getMessage());
        if (e instanceof DataAccessException) return "The database refused the request: " + firstLine(e.getMessage());
        return "Failed: " + firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /** --version: the pom's version, as the build recorded it. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Picks Digest " + Version.CURRENT};
        }
    }

    /** Hands the shared CliContext to every command that takes one in its constructor. */
    private record Factory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                c.setAccessible(true);
                return c.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
