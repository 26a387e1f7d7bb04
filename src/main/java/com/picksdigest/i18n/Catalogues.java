package com.picksdigest.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message catalogues: UTF-8 properties files named {@code messages_<tag>.properties} (tag as in BCP 47, "-" or
 * "_" between its parts), shipped in the jar under i18n/ and dropped by operators into PICKS_TEMPLATES_DIR/i18n/. A
 * dropped file adds a language or overrides keys of a shipped one; a key a language lacks is shown in English and
 * logged once. Read once at start, like the templates.
 */
public final class Catalogues {
    private static final Logger log = LoggerFactory.getLogger(Catalogues.class);
    /** The languages in the jar, English first: it is what every other falls back to. */
    public static final List<String> SHIPPED = List.of("en", "de", "fr", "es", "pt-BR", "ja", "ar");

    private static final String PREFIX = "messages_";
    private static final String SUFFIX = ".properties";

    private final Map<String, Map<String, String>> entries = new LinkedHashMap<>();
    private final Map<String, Messages> byTag = new LinkedHashMap<>();
    /** Where each language's messages came from, for a start error naming the file. */
    private final Map<String, String> sources = new LinkedHashMap<>();

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public Catalogues(Optional<Path> templatesDir) {
        for (String tag : SHIPPED) {
            entries.put(tag, builtIn(tag));
            sources.put(tag, "Catalogue i18n/" + fileName(tag) + " (built in)");
        }
        templatesDir.map(d -> d.resolve("i18n")).filter(Files::isDirectory).ifPresent(this::dropIns);
        Map<String, String> english = entries.get("en");
        entries.forEach((tag, own) -> {
            Messages m = new Messages(tag, own, english, this::missing);
            m.compileAll(sources.get(tag));
            byTag.put(tag, m);
        });
    }

    /** Every language there is a catalogue for, shipped ones first, as canonical BCP 47 tags. */
    public List<String> tags() {
        return List.copyOf(byTag.keySet());
    }

    /** The messages of a tag from {@link #tags()}; English for any other. */
    public Messages of(String tag) {
        Messages m = byTag.get(tag);
        return m != null ? m : byTag.get("en");
    }

    /** The keys and patterns of one language's catalogue as loaded (jar and drop-in merged), sorted by key. */
    public Map<String, String> entries(String tag) {
        return new TreeMap<>(entries.getOrDefault(tag, Map.of()));
    }

    private void missing(String tag, String key) {
        if (warned.add(tag + "\u0000" + key)) {
            log.warn("Message \"{}\" is missing from the {} catalogue: shown in English", key, tag);
        }
    }

    private Map<String, String> builtIn(String tag) {
        String name = "i18n/" + fileName(tag);
        try (InputStream in = Catalogues.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("The catalogue " + name + " is missing from the jar");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The catalogue " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void dropIns(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (!file.startsWith(PREFIX) || !file.endsWith(SUFFIX)) continue;
                String tag = Languages.canonical(file.substring(PREFIX.length(), file.length() - SUFFIX.length()));
                if (tag == null) {
                    log.warn("Catalogue {} ignored: its name does not end in a language tag such as it or pt_BR", f);
                    continue;
                }
                Map<String, String> merged = new LinkedHashMap<>(entries.getOrDefault(tag, Map.of()));
                try (InputStream in = Files.newInputStream(f)) {
                    merged.putAll(read(in));
                }
                entries.put(tag, Map.copyOf(merged));
                sources.merge(tag, "Catalogue " + f + " (PICKS_TEMPLATES_DIR)", (jar, dropIn) -> dropIn);
                log.info("Catalogue {} loaded for {}", f, tag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The catalogues in " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String fileName(String tag) {
        return PREFIX + tag.replace('-', '_') + SUFFIX;
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return Map.copyOf(m);
    }
}
