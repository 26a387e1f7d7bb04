package com.picksdigest.digest;

import java.time.LocalDateTime;

/**
 * A published pick as read for a digest; publishedAt is UTC.
 *
 * @param seq      its publication number (see {@link DigestPlanner})
 * @param relisted numbered again since it was first published: some readers may have had it already
 */
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
        int position,
        long seq,
        boolean relisted) {

    /** The same pick behind another link (the click counter's). */
    public SelectedPick withUrl(String link) {
        return new SelectedPick(
                id,
                title,
                link,
                summary,
                sourceName,
                sourceUrl,
                imageUrl,
                category,
                publishedAt,
                categoryId,
                position,
                seq,
                relisted);
    }
}
