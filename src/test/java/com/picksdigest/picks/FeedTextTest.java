package com.picksdigest.picks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * HTML to text: what stays and what goes, and that the cost grows in proportion to the input. The growth is a
 * benchmark-style check, never a time limit: the same hostile input at 1 MB and 4 MB in one run, and the ratio of
 * the two times must be that of a linear algorithm (4, give or take noise), not a quadratic one (16). The regexes
 * this replaced took 0.3 s for 16 KB of {@code <} and 4.8 s for 64 KB (an estimated 20 minutes for 1 MB).
 */
class FeedTextTest {

    @Test
    void keepsTheWordsOfAnHtmlFragment() {
        assertThat(FeedText.plain("<p>One</p><p>two<br>three</p><ul><li>four</li><li>five</li></ul>"))
                .isEqualTo("One two three four five");
        assertThat(FeedText.plain("in<b>line</b> <a href=\"x\">link</a>&nbsp;&amp;&lt;b&gt; &mdash; &#x1F600;"))
                .isEqualTo("inline link &<b> — \ud83d\ude00");
        assertThat(FeedText.plain("a<script>alert('<p>x</p>')</script>b<style>p{}</style>c<!-- <p>hidden</p> -->d"))
                .matches("a ?b ?c ?d");
        assertThat(FeedText.plain("x&#xD800;y&#0;z")).doesNotContain("\ud800", "\u0000");
        assertThat(FeedText.plain("<p>  </p>")).isNull();
    }

    @Test
    void anEndlessTagNameIsCutWithoutChangingTheText() {
        String name = "a<".repeat(100);

        assertThat(FeedText.shortTagNames("x<" + name + ">y</" + name + ">z"))
                .startsWith("x<" + name.substring(0, FeedText.MAX_TAG_NAME) + " ");
        assertThat(FeedText.plain("x<" + name + ">y</" + name + ">z")).isEqualTo("xyz");
        assertThat(FeedText.shortTagNames("<p>short <b>names</b></p>")).isEqualTo("<p>short <b>names</b></p>");
    }

    @Test
    void onlyTheFirstPartOfAnEnormousDescriptionIsRead() {
        String html = "<p>start</p>" + "x".repeat(FeedText.MAX_HTML) + "<p>beyond the bound</p>";

        assertThat(FeedText.plain(html)).startsWith("start").doesNotContain("beyond");
    }

    @Test
    void strippingGrowsLinearlyWithTheInput() {
        FeedText.text("<".repeat(1 << 20)); // warm-up
        for (String unit : new String[] {"<", "<a"}) {
            long oneMb = best(unit, 1);
            long fourMb = best(unit, 4);
            long fiveMb = best(unit, 5);
            double ratio = (double) fourMb / oneMb;
            System.out.printf(
                    Locale.ROOT,
                    "BENCH FeedText '%s': 1 MB %d ms, 4 MB %d ms (ratio %.1f), 5 MB %d ms%n",
                    unit,
                    oneMb / 1_000_000,
                    fourMb / 1_000_000,
                    ratio,
                    fiveMb / 1_000_000);
            assertThat(ratio).as("4 MB / 1 MB of '" + unit + "'").isLessThan(6.0);
        }
    }

    /** The fastest of three runs, in ns: the least disturbed by the other work on the machine. */
    private static long best(String unit, int megabytes) {
        String html = unit.repeat(megabytes * (1 << 20) / unit.length());
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            FeedText.text(html);
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }
}
