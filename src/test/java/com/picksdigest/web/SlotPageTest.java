package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlotPageTest {
    @Test
    void aTemplatePrintingTheValuesAsTheyAreIsRenderedOncePerLanguageAndFilledPerReader() {
        AtomicInteger renders = new AtomicInteger();
        SlotPage page = new SlotPage((language, v) -> {
            renders.incrementAndGet();
            return "<p lang=\"" + language + "\">" + escape(v[0]) + " <a href=\"/prefs/" + v[1] + "\">x</a></p>";
        });
        assertThat(page.html("fr", "a&b'c@example.org", "1.2.AbC"))
                .isEqualTo("<p lang=\"fr\">a&amp;b&#39;c@example.org <a href=\"/prefs/1.2.AbC\">x</a></p>");
        assertThat(page.html("fr", "z@example.org", "3.4.Zz"))
                .isEqualTo("<p lang=\"fr\">z@example.org <a href=\"/prefs/3.4.Zz\">x</a></p>");
        int afterFirst = renders.get();
        page.html("fr", "y@example.org", "5.6.Yy");
        assertThat(renders.get()).as("kept: no render per request").isEqualTo(afterFirst);
    }

    @Test
    void aTemplateThatTransformsTheAddressIsRenderedInFullForEachReader() {
        // an operator's template with ${email?upper_case}: the placeholder would come out transformed
        SlotPage page =
                new SlotPage((language, v) -> "<p>" + escape(v[0].toUpperCase(Locale.ROOT)) + " " + v[1] + "</p>");
        assertThat(page.html("en", "ann@example.org", "7.8.Tok")).isEqualTo("<p>ANN@EXAMPLE.ORG 7.8.Tok</p>");
        assertThat(page.html("en", "bob@example.org", "9.9.Tik")).isEqualTo("<p>BOB@EXAMPLE.ORG 9.9.Tik</p>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
