package com.picksdigest.support;

import com.picksdigest.cli.PicksDigestCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with a given environment and captures what it prints. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {}

    private final Map<String, String> env;
    private final Clock clock;

    public Cli(Map<String, String> env, Clock clock) {
        this.env = new HashMap<>(env);
        this.clock = clock;
    }

    public Cli(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /** As {@link #run}, with {@code stdin} as standard input. */
    public Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PicksDigestCommand.run(
                args,
                env,
                clock,
                new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PicksDigestCommand.run(args, env, clock, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
