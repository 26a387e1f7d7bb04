package com.picksdigest.picks;

import java.time.Instant;

/** What an editor (or the CLI) submits for a new pick; validated by {@link PickService#add}. */
public record PickInput(
        String title,
        String url,
        String summary,
        String sourceName,
        String sourceUrl,
        String imageUrl,
        String category,
        Integer position,
        boolean publish,
        Instant publishAt) {}
