package com.picksdigest.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.picksdigest.common.Hmac;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mailgun's webhooks (JSON): {@code signature} holds a timestamp, a one-time token and the HMAC-SHA256 of
 * timestamp+token under the webhook signing key. A request is believed when the MAC checks, the timestamp is within
 * {@link #WINDOW} of our clock, and the token was not seen before. The message is named by its Message-ID header and
 * by the envelope sender, our signed return path.
 */
final class MailgunHook implements Provider {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Hmac mac;
    private final HookTokens tokens;
    private final Clock clock;

    MailgunHook(String signingKey, HookTokens tokens, Clock clock) {
        this.mac = new Hmac(signingKey);
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mailgun";
    }

    @Override
    public List<ProviderEvent> read(HookRequest r) throws HookRefused {
        JsonNode n = r.json();
        String timestamp = HookRequest.text(n, "signature", "timestamp");
        String token = HookRequest.text(n, "signature", "token");
        String signature = HookRequest.text(n, "signature", "signature");
        if (timestamp == null || token == null || signature == null) {
            throw new HookRefused(401, "the signature object (timestamp, token, signature) is required");
        }
        byte[] expected = mac.sign(timestamp + token);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new HookRefused(401, "the signature does not match the configured Mailgun signing key");
        }
        SignedTime.requireFresh(
                SignedTime.epochSeconds(timestamp, "the signature's timestamp"),
                clock,
                WINDOW,
                "the signature's timestamp");
        if (token.length() > 128 || !tokens.firstUse(name(), token, WINDOW)) {
            throw new HookRefused(409, "this signature's token was used before: a replay");
        }
        JsonNode data = n.get("event-data");
        if (data == null || !data.isObject()) throw new HookRefused(400, "the event-data object is required");
        return List.of(event(data));
    }

    private static ProviderEvent event(JsonNode d) {
        String event = Optional.ofNullable(HookRequest.text(d, "event")).orElse("");
        String severity = HookRequest.text(d, "severity");
        ProviderEvent.Kind kind;
        if (event.equals("complained")) kind = ProviderEvent.Kind.COMPLAINT;
        else if (event.equals("failed") && "permanent".equals(severity)) kind = ProviderEvent.Kind.HARD_BOUNCE;
        else if (event.equals("failed") && "temporary".equals(severity)) kind = ProviderEvent.Kind.SOFT_BOUNCE;
        else return ProviderEvent.other("mailgun " + (event.isEmpty() ? "event" : event));
        List<String> returnPaths = new ArrayList<>();
        String sender = HookRequest.text(d, "envelope", "sender");
        if (sender != null) returnPaths.add(sender);
        String code = HookRequest.text(d, "delivery-status", "code");
        String why = Optional.ofNullable(HookRequest.text(d, "delivery-status", "description"))
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(HookRequest.text(d, "delivery-status", "message")))
                .orElse("");
        String detail = (code == null ? "" : code + " ") + why;
        return new ProviderEvent(
                kind,
                Optional.ofNullable(HookRequest.text(d, "recipient")).orElse(""),
                ProviderEvent.messageId(HookRequest.text(d, "message", "headers", "message-id")),
                returnPaths,
                ProviderEvent.status(kind, HookRequest.text(d, "delivery-status", "enhanced-code")),
                "mailgun " + event + (detail.isBlank() ? "" : ": " + GenericHook.clip(detail)));
    }
}
