package com.picksdigest.web;

import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberService;

/**
 * Turns the token in a /u/ or /prefs/ link into the one subscriber it names, or into an error page:
 * a token whose signature does not check out (forged, truncated, garbage) is 400; a genuine token whose version is
 * no longer the subscriber's, or whose subscriber is gone, is 410. Both pages read the same whoever the token
 * names, so they reveal nothing about which addresses exist.
 */
final class SubscriberLinks {
    private final LinkTokens tokens;
    private final SubscriberService subscribers;

    SubscriberLinks(LinkTokens tokens, SubscriberService subscribers) {
        this.tokens = tokens;
        this.subscribers = subscribers;
    }

    SubscribersRecord resolve(String token) {
        LinkTokens.Valid valid = verify(token);
        SubscribersRecord s = subscribers.find(valid.subscriberId());
        requireCurrent(s == null ? null : s.getTokenVersion(), valid);
        return s;
    }

    /** As {@link #resolve}, reading only what the unsubscribe page needs. */
    SubscriberService.LinkHolder holder(String token) {
        LinkTokens.Valid valid = verify(token);
        SubscriberService.LinkHolder h = subscribers.linkHolder(valid.subscriberId());
        requireCurrent(h == null ? null : h.tokenVersion(), valid);
        return h;
    }

    private LinkTokens.Valid verify(String token) {
        if (!(tokens.verify(token) instanceof LinkTokens.Valid valid)) throw WebError.invalidLink();
        return valid;
    }

    /** @param stored the subscriber's token version, null when the subscriber is gone */
    private static void requireCurrent(Integer stored, LinkTokens.Valid valid) {
        if (stored == null || stored != valid.version()) throw WebError.revokedLink();
    }
}
