package com.picksdigest.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This build's version, as the pom states it (the build writes it into picks-digest.properties). */
public final class Version {
    public static final String CURRENT = read();

    private Version() {}

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/picks-digest.properties")) {
            if (in == null) throw new IllegalStateException("picks-digest.properties is missing from the build");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
