package com.picksdigest.web.charts;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Line and bar charts as inline SVG, drawn on the server so the workspace needs no JavaScript. The drawing scales to
 * its container (viewBox, width 100%), takes its colours from the page (currentColor and the classes s0..s3, which
 * the workspace layout maps to its light and dark palette), and every mark carries a {@code <title>} with its label,
 * series and value, so a screen reader or a hover tells the number. Pages print the same numbers as a table beside.
 */
public final class SvgChart {
    /**
     * One named row of values, one per label.
     *
     * @param colour 0 to 3, the class s0..s3 its marks get (the layout maps them to accent, alert, good, muted)
     */
    public record Series(String name, List<Double> values, int colour) {
        public Series {
            if (colour < 0 || colour > 3) throw new IllegalArgumentException("colour " + colour + " is not 0..3");
        }
    }

    private static final int W = 640;
    private static final int H = 240;
    private static final int LEFT = 48;
    private static final int RIGHT = 8;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private final String title;
    private final List<String> labels;
    private final List<Series> series;
    private final DoubleFunction<String> format;

    /** @param format how a value is written in marks' titles and on the axis (the page's table uses the same) */
    public SvgChart(String title, List<String> labels, List<Series> series, DoubleFunction<String> format) {
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException(
                        s.name() + " has " + s.values().size() + " values for " + labels.size() + " labels");
            }
        }
        this.title = title;
        this.labels = labels;
        this.series = series;
        this.format = format;
    }

    /** Whole numbers as such, others with one decimal. */
    public static String count(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A fraction as a percentage with one decimal. */
    public static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    public String bars() {
        StringBuilder svg = open();
        double[] range = range();
        int n = Math.max(1, labels.size());
        double slot = (double) (W - LEFT - RIGHT) / n;
        int k0 = Math.max(1, series.size());
        // a handful of bars stay bar-shaped instead of filling the width
        double barWidth = Math.max(1, Math.min(slot * 0.8 / k0, 36));
        double pad = (slot - barWidth * k0) / 2;
        double zero = y(0, range);
        for (int i = 0; i < labels.size(); i++) {
            for (int k = 0; k < series.size(); k++) {
                double v = series.get(k).values().get(i);
                double top = y(Math.max(v, 0), range);
                double bottom = y(Math.min(v, 0), range);
                double x = LEFT + i * slot + pad + k * barWidth;
                svg.append("<rect class=\"s")
                        .append(series.get(k).colour())
                        .append("\" x=\"")
                        .append(num(x))
                        .append("\" y=\"")
                        .append(num(top))
                        .append("\" width=\"")
                        .append(num(barWidth))
                        .append("\" height=\"")
                        .append(num(Math.max(bottom - top, v == 0 ? 0 : 0.5)))
                        .append("\">");
                markTitle(svg, i, k, v);
                svg.append("</rect>");
            }
        }
        svg.append(line(LEFT, zero, W - RIGHT, zero, "axis"));
        return close(svg, slot);
    }

    public String lines() {
        StringBuilder svg = open();
        double[] range = range();
        int n = labels.size();
        double slot = n <= 1 ? 0 : (double) (W - LEFT - RIGHT) / (n - 1);
        for (int k = 0; k < series.size(); k++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double v = series.get(k).values().get(i);
                points.append(num(LEFT + i * slot))
                        .append(',')
                        .append(num(y(v, range)))
                        .append(' ');
            }
            svg.append("<polyline class=\"line s")
                    .append(series.get(k).colour())
                    .append("\" fill=\"none\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
            for (int i = 0; i < n; i++) {
                double v = series.get(k).values().get(i);
                svg.append("<circle class=\"s")
                        .append(series.get(k).colour())
                        .append("\" cx=\"")
                        .append(num(LEFT + i * slot))
                        .append("\" cy=\"")
                        .append(num(y(v, range)))
                        .append("\" r=\"")
                        .append(n > 60 ? "1.5" : "3")
                        .append("\">");
                markTitle(svg, i, k, v);
                svg.append("</circle>");
            }
        }
        svg.append(line(LEFT, y(0, range), W - RIGHT, y(0, range), "axis"));
        return close(svg, 0);
    }

    private StringBuilder open() {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(W)
                .append(' ')
                .append(H)
                .append("\" width=\"100%\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\"><title>")
                .append(escape(title))
                .append("</title>");
        double[] range = range();
        for (double v : new double[] {range[0], (range[0] + range[1]) / 2, range[1]}) {
            double y = y(v, range);
            svg.append(line(LEFT, y, W - RIGHT, y, "grid"));
            svg.append("<text class=\"tick\" x=\"")
                    .append(LEFT - 4)
                    .append("\" y=\"")
                    .append(num(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(escape(format.apply(v)))
                    .append("</text>");
        }
        return svg;
    }

    /** Labels at the first, middle and last position: enough to read the time axis on a phone. */
    private String close(StringBuilder svg, double slot) {
        int n = labels.size();
        double step = slot > 0 ? slot : (n <= 1 ? 0 : (double) (W - LEFT - RIGHT) / (n - 1));
        double offset = slot > 0 ? slot / 2 : 0;
        int[] shown = n == 0 ? new int[0] : n < 3 ? new int[] {0, n - 1} : new int[] {0, n / 2, n - 1};
        int last = -1;
        for (int i : shown) {
            if (i == last) continue;
            last = i;
            String anchor = i == 0 && n > 1 ? "start" : i == n - 1 && n > 1 ? "end" : "middle";
            double x = LEFT + i * step + offset;
            if (slot > 0 && anchor.equals("start")) x = LEFT + i * step;
            if (slot > 0 && anchor.equals("end")) x = LEFT + (i + 1) * step;
            svg.append("<text class=\"tick\" x=\"")
                    .append(num(x))
                    .append("\" y=\"")
                    .append(H - 8)
                    .append("\" text-anchor=\"")
                    .append(anchor)
                    .append("\">")
                    .append(escape(labels.get(i)))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private void markTitle(StringBuilder svg, int i, int k, double v) {
        svg.append("<title>")
                .append(escape(labels.get(i)))
                .append(" · ")
                .append(escape(series.get(k).name()))
                .append(": ")
                .append(escape(format.apply(v)))
                .append("</title>");
    }

    /** Lowest and highest value drawn; zero is always in range so bars start from it. */
    private double[] range() {
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == lo) hi = lo + 1;
        return new double[] {lo, hi};
    }

    private static double y(double v, double[] range) {
        return TOP + (H - TOP - BOTTOM) * (range[1] - v) / (range[1] - range[0]);
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\""
                + num(y2) + "\"/>";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
