package com.picksdigest.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo picks' images, shipped in the jar (static/demo/, made by src/tools/demo-images.py). Only the names listed
 * here exist: a request names a key of this map, never a path, so nothing else on the classpath can be reached.
 */
public final class DemoImages {
    /** Where the public web server serves them. */
    public static final String PATH = "/static/demo/";

    static final List<String> NAMES = List.of("ai", "security", "open-source", "science");

    private final Map<String, byte[]> pngs = new LinkedHashMap<>();

    public DemoImages() {
        for (String name : NAMES) pngs.put(name + ".png", load("static/demo/" + name + ".png"));
    }

    /** The PNG for a file name such as {@code ai.png}; empty for any other name. */
    public Optional<byte[]> png(String fileName) {
        return Optional.ofNullable(pngs.get(fileName));
    }

    /** Every file name served, such as {@code ai.png}. */
    public List<String> fileNames() {
        return List.copyOf(pngs.keySet());
    }

    /** The URL of one image under the site's base URL (no trailing slash). */
    static String url(String baseUrl, String name) {
        return baseUrl + PATH + name + ".png";
    }

    private static byte[] load(String path) {
        try (InputStream in = DemoImages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
