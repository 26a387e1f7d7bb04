package com.picksdigest.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Typed settings. Sources, strongest first: environment variables, then an optional properties file
 * (same keys, e.g. {@code PICKS_SMTP_HOST=mail.example.org}), then the defaults documented in the README.
 */
public final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings load(Map<String, String> env, Path configFile) {
        Map<String, String> merged = new HashMap<>();
        if (configFile != null) {
            merged.putAll(readProperties(configFile));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("PICKS_") && v != null && !v.isBlank()) merged.put(k, v.trim());
        });
        return new Settings(merged);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** A copy with some values replaced; used by commands that pick their own defaults (demo, tests). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k.toString().trim(), v.toString().trim()));
        return out;
    }

    /** Every value set (environment and file), for the admins' read-only settings page. */
    public Map<String, String> all() {
        return values;
    }

    public Optional<String> optional(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String string(String key, String dflt) {
        return optional(key).orElse(dflt);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key + " is required but not set."));
    }

    public int integer(String key, int dflt, int min, int max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    key + " must be a whole number from " + min + " to " + max + ", not \"" + v.get() + "\".");
        }
    }

    public double decimal(String key, double dflt, double min, double max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return dflt;
        try {
            double n = Double.parseDouble(v.get());
            if (!(n >= min && n <= max)) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    key + " must be a number from " + min + " to " + max + ", not \"" + v.get() + "\".");
        }
    }

    public boolean bool(String key, boolean dflt) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return dflt;
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key + " must be true or false, not \"" + v.get() + "\".");
        };
    }

    public Duration seconds(String key, int dflt, int min, int max) {
        return Duration.ofSeconds(integer(key, dflt, min, max));
    }

    public URI url(String key, String dflt) {
        String v = string(key, dflt);
        try {
            URI u = new URI(v);
            if (u.getScheme() == null
                    || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (Exception e) {
            throw new ConfigException(
                    key + " must be an http(s) URL such as https://news.example.org, not \"" + v + "\".");
        }
    }

    public Path path(String key, Path dflt) {
        return optional(key).map(Path::of).orElse(dflt);
    }
}
