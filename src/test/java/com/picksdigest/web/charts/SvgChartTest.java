package com.picksdigest.web.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What the builder writes is well-formed SVG whatever the labels hold, with one titled mark per value. */
class SvgChartTest {
    static final String SVG = "http://www.w3.org/2000/svg";

    @Test
    void labelsFromEditorsAndFeedsAreEscapedAndEveryMarkIsTitled() throws Exception {
        SvgChart chart = new SvgChart(
                "Top <picks> & \"more\"",
                List.of("<script>alert(1)</script>", "Tom & Jerry's"),
                List.of(
                        new SvgChart.Series("Clicks", List.of(3.0, 1.0), 0),
                        new SvgChart.Series("Readers", List.of(2.0, 1.0), 2)),
                SvgChart::count);

        Document bars = parse(chart.bars());
        Document lines = parse(chart.lines());

        assertThat(titles(bars, "rect"))
                .containsExactly(
                        "<script>alert(1)</script> · Clicks: 3",
                        "<script>alert(1)</script> · Readers: 2",
                        "Tom & Jerry's · Clicks: 1",
                        "Tom & Jerry's · Readers: 1");
        assertThat(titles(lines, "circle")).hasSize(4);
        assertThat(bars.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 640 240");
        assertThat(bars.getDocumentElement().getAttribute("width")).isEqualTo("100%");
        assertThat(chart.bars()).doesNotContain("<script>");
    }

    @Test
    void negativeValuesDrawBelowTheAxisWithPositiveHeights() throws Exception {
        Document d = parse(new SvgChart(
                        "Net",
                        List.of("a", "b"),
                        List.of(new SvgChart.Series("Net", List.of(-2.0, 4.0), 0)),
                        SvgChart::count)
                .bars());

        NodeList rects = d.getElementsByTagNameNS(SVG, "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            assertThat(Double.parseDouble(((Element) rects.item(i)).getAttribute("height")))
                    .isPositive();
        }
        assertThat(SvgChart.percent(1.0 / 3)).isEqualTo("33.3%");
        assertThat(SvgChart.count(2.0)).isEqualTo("2");
    }

    @Test
    void aSeriesMustHaveOneValuePerLabel() {
        assertThatThrownBy(() -> new SvgChart(
                        "x", List.of("a", "b"), List.of(new SvgChart.Series("s", List.of(1.0), 0)), SvgChart::count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values for 2 labels");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> titles(Document d, String mark) {
        List<String> out = new ArrayList<>();
        NodeList marks = d.getElementsByTagNameNS(SVG, mark);
        for (int i = 0; i < marks.getLength(); i++) {
            out.add(((Element) marks.item(i))
                    .getElementsByTagNameNS(SVG, "title")
                    .item(0)
                    .getTextContent());
        }
        return out;
    }
}
