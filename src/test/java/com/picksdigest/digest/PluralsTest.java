package com.picksdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.i18n.Catalogues;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A digest's pick count in every shipped language, for 0, 1, 2, 5, 11, 21 and 100 picks: each language's plural
 * rules (Arabic's six forms among them) choose the form a reader of that language expects. Digests of 1 to 100 picks
 * are rendered (HTML and text); 0 picks never makes a digest, so its form is read from the catalogue.
 */
class PluralsTest {
    private static final int[] COUNTS = {0, 1, 2, 5, 11, 21, 100};

    /** What a reader of each language should see, written by hand, in the order of COUNTS. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "en", List.of("no picks", "1 pick", "2 picks", "5 picks", "11 picks", "21 picks", "100 picks"),
            "de", List.of("keine Tipps", "1 Tipp", "2 Tipps", "5 Tipps", "11 Tipps", "21 Tipps", "100 Tipps"),
            "fr",
                    List.of(
                            "aucune sélection",
                            "1 sélection",
                            "2 sélections",
                            "5 sélections",
                            "11 sélections",
                            "21 sélections",
                            "100 sélections"),
            "es",
                    List.of(
                            "ninguna selección",
                            "1 selección",
                            "2 selecciones",
                            "5 selecciones",
                            "11 selecciones",
                            "21 selecciones",
                            "100 selecciones"),
            "pt-BR",
                    List.of(
                            "nenhuma seleção",
                            "1 seleção",
                            "2 seleções",
                            "5 seleções",
                            "11 seleções",
                            "21 seleções",
                            "100 seleções"),
            "ja", List.of("記事なし", "1件の記事", "2件の記事", "5件の記事", "11件の記事", "21件の記事", "100件の記事"),
            // zero, one, two, few (3-10), many (11-99), other (100); CLDR's "ar" writes Latin digits
            "ar", List.of("لا مقالات", "مقال واحد", "مقالان", "5 مقالات", "11 مقالًا", "21 مقالًا", "100 مقال"));

    private final Catalogues catalogues = new Catalogues(Optional.empty());
    private final DigestComposer composer = new DigestComposer(
            MailConfig.from(
                    Settings.of(Map.of("PICKS_SECRET", "s".repeat(40), "PICKS_BASE_URL", "https://picks.example.org"))),
            catalogues,
            NoteSource.NONE);
    private final DigestTemplates templates = new DigestTemplates(new TemplateEngine(Optional.empty()));

    @Test
    void everyLanguageCountsPicksWithItsOwnPluralForms() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(Catalogues.SHIPPED);
        for (String lang : Catalogues.SHIPPED) {
            List<String> expected = EXPECTED.get(lang);
            for (int i = 0; i < COUNTS.length; i++) {
                int n = COUNTS[i];
                String want = expected.get(i);
                if (n == 0) {
                    assertThat(catalogues.of(lang).format("digest.count", 0))
                            .as(lang)
                            .isEqualTo(want);
                    continue;
                }
                DigestModel model = composer.compose(
                        LocalDate.of(2026, 12, 4),
                        picks(n),
                        new DigestComposer.Recipient(null, "Europe/Paris", lang, "tok"));
                assertThat(templates.renderText(model)).as(lang + " text, " + n).contains(want);
                assertThat(templates.renderHtml(model)).as(lang + " HTML, " + n).contains(want);
            }
        }
    }

    private static List<SelectedPick> picks(int n) {
        List<SelectedPick> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(new SelectedPick(
                    i,
                    "Pick " + i,
                    "https://example.org/" + i,
                    "",
                    null,
                    null,
                    null,
                    "News",
                    LocalDateTime.of(2026, 12, 4, 8, 0),
                    1,
                    i,
                    i,
                    false));
        }
        return l;
    }
}
