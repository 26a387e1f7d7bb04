package com.picksdigest.digest;

import com.picksdigest.common.Hmac;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Click tracking (PICKS_TRACK_CLICKS): a pick's link in a digest becomes /c/{delivery}.{pick}.{HMAC}. The redirect
 * target is read from the pick itself, never from the link, so a forged or edited link can neither count a click
 * nor send anyone elsewhere.
 */
public final class ClickLinks implements PickLinks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** 128 bits of the MAC: unguessable, and the URL stays short. */
    private static final int MAC_BYTES = 16;

    public record Click(long deliveryId, long pickId) {}

    private final Hmac hmac;
    private final String baseUrl;

    /** @param baseUrl the public base URL, without a trailing slash */
    public ClickLinks(String secret, String baseUrl) {
        this.hmac = new Hmac(secret);
        this.baseUrl = baseUrl;
    }

    public String url(long deliveryId, long pickId) {
        String body = deliveryId + "." + pickId;
        return baseUrl + "/c/" + body + "." + B64.encodeToString(mac(body));
    }

    public Optional<Click> verify(String token) {
        if (token == null || token.length() > 100) return Optional.empty();
        String[] p = token.split("\\.", -1);
        if (p.length != 3 || !p[0].matches("[1-9][0-9]{0,18}") || !p[1].matches("[1-9][0-9]{0,18}"))
            return Optional.empty();
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(p[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(p[0] + "." + p[1]), given)) return Optional.empty();
        return Optional.of(new Click(Long.parseLong(p[0]), Long.parseLong(p[1])));
    }

    @Override
    public List<SelectedPick> forDelivery(long deliveryId, List<SelectedPick> picks) {
        return picks.stream().map(p -> p.withUrl(url(deliveryId, p.id()))).toList();
    }

    private byte[] mac(String body) {
        return Arrays.copyOf(hmac.sign("click:" + body), MAC_BYTES);
    }
}
