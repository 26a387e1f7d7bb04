package com.picksdigest.delivery;

import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders and encodes each distinct digest once. Subscribers share a digest when they get the same picks
 * (compared by content, so an edited pick is a different digest) on the same local date, in the same time
 * zone, locale and format, with or without a greeting by name. A bounded LRU: memory does not grow with the list.
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
    private final Map<Key, PreparedDigest> cache = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PreparedDigest> eldest) {
            return size() > CAPACITY;
        }
    };

    PreparedDigests(DigestComposer composer, DigestTemplates templates) {
        this.composer = composer;
        this.templates = templates;
    }

    PreparedDigest get(Key key) {
        synchronized (cache) {
            PreparedDigest d = cache.get(key);
            if (d != null) return d;
        }
        // rendered outside the lock; two workers may render the same group once each, which is harmless
        PreparedDigest d = render(key);
        synchronized (cache) {
            cache.putIfAbsent(key, d);
        }
        return d;
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
