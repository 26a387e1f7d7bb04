package com.picksdigest.web.admin;

import java.util.List;

/**
 * One chart of the insight pages and its table.
 *
 * @param columns the series' names, with colours their palette numbers (0 accent, 1 alert, 2 good, 3 muted)
 * @param rows    per label: the label, then each series' formatted value
 * @param svg     the drawn chart; empty when there is nothing to draw
 */
public record ChartPanel(
        String id,
        String title,
        String labelHeading,
        List<String> columns,
        List<Integer> colours,
        List<List<String>> rows,
        String svg) {}
