package com.picksdigest.digest;

import java.time.LocalDateTime;

/** A published pick as read for a digest; publishedAt is UTC. */
public record SelectedPick(
        long id,
        String title,
        String url,
        String summary,
        String sourceName,
        String sourceUrl,
        String imageUrl,
        String category,
        LocalDateTime publishedAt,
        int categoryId,
        int position) {}
