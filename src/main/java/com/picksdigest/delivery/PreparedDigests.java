package com.picksdigest.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Renders and encodes each distinct digest once. Subscribers share a digest when they get the same picks
 * (compared by content, so an edited pick is a different digest) on the same local date, in the same time
 * zone, locale and format, with or without a greeting by name. A bounded Caffeine cache: memory does not grow with
 * the list, and workers asking for the same digest at once wait for one render.
 */
final class PreparedDigests {
    private static final int CAPACITY = 512;

    record Key(
            List<SelectedPick> picks,
            LocalDate editionDate,
            String timezone,
            String locale,
            boolean textOnly,
            boolean named) {}

    private final DigestComposer composer;
    private final DigestTemplates templates;
    /** An editor's note saved while an edition is sending reaches the digests rendered after this. */
    private static final Duration NOTE_LAG = Duration.ofMinutes(1);

    private final Cache<Key, PreparedDigest> cache = Caffeine.newBuilder()
            .maximumSize(CAPACITY)
            .expireAfterWrite(NOTE_LAG)
            .build();
    /** Held, so that a lookup allocates nothing but its key. */
    private final Function<Key, PreparedDigest> render = this::render;

    PreparedDigests(DigestComposer composer, DigestTemplates templates) {
        this.composer = composer;
        this.templates = templates;
    }

    PreparedDigest get(Key key) {
        return cache.get(key, render);
    }

    private PreparedDigest render(Key key) {
        DigestModel model = composer.compose(
                key.editionDate(),
                key.picks(),
                new DigestComposer.Recipient(
                        key.named() ? PreparedBody.NAME_SLOT : null,
                        key.timezone(),
                        key.locale(),
                        PreparedBody.TOKEN_SLOT));
        PreparedBody text = PreparedBody.of(templates.renderText(model), false);
        PreparedBody html = key.textOnly() ? null : PreparedBody.of(templates.renderHtml(model), true);
        return new PreparedDigest(model.subject(), text, html);
    }
}
