package com.picksdigest.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * SendGrid's signed event webhook: an ECDSA P-256 (SHA-256) signature, base64 DER, in
 * X-Twilio-Email-Event-Webhook-Signature over the X-Twilio-Email-Event-Webhook-Timestamp header followed by the body
 * as sent. The body is an array of events; ours are named by {@code smtp-id}, the Message-ID of the message.
 */
final class SendGridHook implements Provider {
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    static final Duration WINDOW = Duration.ofMinutes(10);

    private final PublicKey key;
    private final Clock clock;

    SendGridHook(PublicKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sendgrid";
    }

    @Override
    public List<ProviderEvent> read(HookRequest r) throws HookRefused {
        String signature = r.header().apply(SIGNATURE);
        String timestamp = r.header().apply(TIMESTAMP);
        if (signature == null || timestamp == null) {
            throw new HookRefused(401, "the " + SIGNATURE + " and " + TIMESTAMP + " headers are required");
        }
        if (!verifies(timestamp, r.body(), signature)) {
            throw new HookRefused(401, "the signature does not verify with the configured SendGrid key");
        }
        SignedTime.requireFresh(
                SignedTime.epochSeconds(timestamp, "the " + TIMESTAMP), clock, WINDOW, "the " + TIMESTAMP);
        JsonNode body = r.json();
        if (!body.isArray()) throw new HookRefused(400, "a SendGrid event webhook posts a JSON array");
        List<ProviderEvent> events = new ArrayList<>(body.size());
        for (JsonNode n : body) events.add(event(n));
        return events;
    }

    private boolean verifies(String timestamp, byte[] body, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(timestamp.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            return s.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64, not DER: not a signature of this key either
        }
    }

    private static ProviderEvent event(JsonNode n) {
        String event = Optional.ofNullable(HookRequest.text(n, "event")).orElse("");
        String type = HookRequest.text(n, "type");
        ProviderEvent.Kind kind;
        if (event.equals("spamreport")) kind = ProviderEvent.Kind.COMPLAINT;
        // "blocked" is a refusal of this message (reputation, content), not of the address
        else if (event.equals("bounce"))
            kind = "blocked".equals(type) ? ProviderEvent.Kind.SOFT_BOUNCE : ProviderEvent.Kind.HARD_BOUNCE;
        else return ProviderEvent.other("sendgrid " + (event.isEmpty() ? "event" : event));
        String reason = Optional.ofNullable(HookRequest.text(n, "reason")).orElse("");
        return new ProviderEvent(
                kind,
                Optional.ofNullable(HookRequest.text(n, "email")).orElse(""),
                ProviderEvent.messageId(HookRequest.text(n, "smtp-id")),
                List.of(),
                ProviderEvent.status(kind, HookRequest.text(n, "status")),
                "sendgrid " + event + (reason.isBlank() ? "" : ": " + GenericHook.clip(reason)));
    }
}
