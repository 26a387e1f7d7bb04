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
        if (!(tokens.verify(token) instanceof LinkTokens.Valid valid)) throw WebError.invalidLink();
        SubscribersRecord s = subscribers.find(valid.subscriberId());
        if (s == null || s.getTokenVersion() == null || s.getTokenVersion() != valid.version()) {
            throw WebError.revokedLink();
        }
        return s;
    }
}
