package com.picksdigest.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.picksdigest.config.ConfigException;
import com.picksdigest.config.Settings;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * PICKS_LOG_LEVEL from the settings (the environment or the --config file). logback.xml reads only the
 * environment, before any file is known, so the level is set again once the settings are loaded.
 */
final class LogLevel {
    static final String KEY = "PICKS_LOG_LEVEL";
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private LogLevel() {}

    static void apply(Settings settings) {
        settings.optional(KEY).ifPresent(value -> {
            String name = value.strip().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(name)) {
                throw new ConfigException(
                        KEY + " must be one of " + String.join(", ", LEVELS) + ", not \"" + value + "\".");
            }
            if (LoggerFactory.getLogger("com.picksdigest") instanceof Logger app) app.setLevel(Level.toLevel(name));
        });
    }
}
