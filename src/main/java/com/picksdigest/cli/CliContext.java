package com.picksdigest.cli;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What every command gets from the top: the environment, the clock and the --config file. */
public final class CliContext {
    private final Map<String, String> env;
    private final Clock clock;
    private final InputStream in;
    private final App.Seams seams;
    Path configFile;

    public CliContext(Map<String, String> env, Clock clock) {
        this(env, clock, System.in);
    }

    /** @param in standard input (passwords for editors add) */
    public CliContext(Map<String, String> env, Clock clock, InputStream in) {
        this(env, clock, in, App.Seams.DEFAULT);
    }

    /** @param seams what the opened App takes from the caller instead of the settings (tests running serve) */
    public CliContext(Map<String, String> env, Clock clock, InputStream in, App.Seams seams) {
        this.env = env;
        this.clock = clock;
        this.in = in;
        this.seams = seams;
    }

    InputStream in() {
        return in;
    }

    /** The settings of this run; their log level applies from here on. */
    public Settings settings() {
        Settings settings = Settings.load(env, configFile);
        LogLevel.apply(settings);
        return settings;
    }

    public App open() {
        return App.boot(settings(), clock).seams(seams).open();
    }

    public Clock clock() {
        return clock;
    }
}
