package com.picksdigest.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.picksdigest.common.InvalidInputException;
import com.picksdigest.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The shipped catalogues are complete and translated; an operator's file adds a language; tags are checked once. */
class CataloguesTest {
    /**
     * Messages that are rightly the same as English in a language: the word is the same (German "Name", "Format"),
     * or the message is only the arguments and punctuation (checked below, not listed).
     */
    static final Set<String> INTENTIONALLY_IDENTICAL =
            Set.of("de:form.name", "de:form.format", "fr:form.format", "fr:prefs.pause", "es:error.status");

    private final Catalogues shipped = new Catalogues(Optional.empty());

    @Test
    void everyShippedLanguageHasEveryMessageAndNoneIsLeftInEnglish() {
        Map<String, String> english = shipped.entries("en");
        assertThat(english).hasSizeGreaterThan(150);
        List<String> problems = new ArrayList<>();
        for (String lang : Catalogues.SHIPPED) {
            if (lang.equals("en")) continue;
            Map<String, String> own = shipped.entries(lang);
            for (var e : english.entrySet()) {
                String value = own.get(e.getKey());
                if (value == null) {
                    problems.add(lang + ": " + e.getKey() + " is missing");
                } else if (value.equals(e.getValue())
                        && !INTENTIONALLY_IDENTICAL.contains(lang + ":" + e.getKey())
                        && EnglishSentences.hasWords(value)) {
                    problems.add(lang + ": " + e.getKey() + " is the English \"" + value + "\"");
                }
            }
            assertThat(own.keySet()).as(lang + " has keys English lacks").isSubsetOf(english.keySet());
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void languageTagsAreCheckedInOnePlaceAndRefusedWithTheSupportedList() {
        Languages languages = new Languages(shipped);
        assertThat(languages.parse("pt-br")).isEqualTo("pt-BR");
        assertThat(languages.parse("pt_BR")).isEqualTo("pt-BR");
        assertThat(languages.parse("fr-CA")).isEqualTo("fr");
        assertThat(languages.parse("ar-EG")).isEqualTo("ar");
        assertThat(languages.parse(null)).isEqualTo("en");
        assertThatThrownBy(() -> languages.parse("tlh"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("\"tlh\" is not a supported language; supported: en, de, fr, es, pt-BR, ja, ar.");
        assertThatThrownBy(() -> languages.parse("not a tag")).isInstanceOf(InvalidInputException.class);
        assertThat(languages.fromAcceptLanguage("nl-BE,nl;q=0.9,de;q=0.8,en;q=0.5"))
                .isEqualTo("de");
        assertThat(languages.fromAcceptLanguage("pt;q=0.9, ja;q=0.95")).isEqualTo("ja");
        assertThat(languages.fromAcceptLanguage("zz, *;q=0.1")).isEqualTo("en");
        assertThat(languages.fromAcceptLanguage(";;;==")).isEqualTo("en");
        assertThat(shipped.of("ar").dir()).isEqualTo("rtl");
        assertThat(shipped.of("ja").dir()).isEqualTo("ltr");
    }

    @Test
    void aBrokenPatternInAnOperatorsCatalogueStopsTheStartNamingFileAndKey(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("i18n")).resolve("messages_it.properties");
        Files.writeString(file, "digest.count={0, plural, one {# scelta} other {# scelte}\n");
        assertThatThrownBy(() -> new Catalogues(Optional.of(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Catalogue " + file + " (PICKS_TEMPLATES_DIR), message \"digest.count\": "
                        + "not a valid ICU MessageFormat pattern");
    }

    @Test
    void anOperatorsCatalogueAddsALanguageAndAMissingKeyFallsBackToEnglishLoggedOnce(@TempDir Path dir)
            throws IOException {
        Path i18n = Files.createDirectories(dir.resolve("i18n"));
        Files.writeString(
                i18n.resolve("messages_it.properties"),
                "language.name=Italiano\ndigest.intro=Ecco cosa hanno scelto i nostri redattori.\n");
        // An operator may also reword a shipped language.
        Files.writeString(i18n.resolve("messages_de.properties"), "digest.intro=Unsere Auswahl für Sie.\n");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Catalogues.class);
        logger.addAppender(log);
        try {
            Catalogues withDropIns = new Catalogues(Optional.of(dir));
            Languages languages = new Languages(withDropIns);
            assertThat(languages.tags()).endsWith("it");
            assertThat(languages.parse("it-IT")).isEqualTo("it");
            Messages it = withDropIns.of("it");
            assertThat(it.format("digest.intro")).isEqualTo("Ecco cosa hanno scelto i nostri redattori.");
            for (int i = 0; i < 3; i++) {
                assertThat(it.format("digest.unsubscribe")).isEqualTo("Unsubscribe");
            }
            assertThat(withDropIns.of("de").format("digest.intro")).isEqualTo("Unsere Auswahl für Sie.");
            assertThat(withDropIns.of("de").format("digest.unsubscribe")).isEqualTo("Abbestellen");
            List<String> warnings = log.list.stream()
                    .filter(e -> e.getLevel().toString().equals("WARN"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(warnings)
                    .containsExactly(
                            "Message \"digest.unsubscribe\" is missing from the it catalogue: shown in English");
        } finally {
            logger.detachAppender(log);
        }
    }
}
