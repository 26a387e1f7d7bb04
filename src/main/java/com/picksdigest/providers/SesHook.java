package com.picksdigest.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundException;
import com.picksdigest.outbound.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon SES bounce and complaint notifications, through an SNS topic with an HTTPS subscription to this route.
 *
 * <p>Every SNS message is signed by SNS: version 1 with SHA1withRSA, version 2 with SHA256withRSA, over the message's
 * fields in SNS's canonical order, with the key of the certificate at SigningCertURL ({@link SnsCertificates}). A
 * signed message is ours only when its topic is one of PICKS_HOOKS_SES_TOPIC_ARN (anyone can have SNS sign messages
 * of their own topic). A SubscriptionConfirmation is confirmed by fetching its SubscribeURL, on an SNS host only; a
 * Notification carries SES's JSON: a Permanent bounce makes the reader bounced, a Transient one counts a soft bounce,
 * a Complaint makes them complained.
 */
final class SesHook implements Provider {
    private static final Logger log = LoggerFactory.getLogger(SesHook.class);

    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    /** SNS keeps a message's publish Timestamp on every retry; its default HTTP delivery policy ends within this. */
    static final Duration WINDOW = Duration.ofHours(1);

    private final Set<String> topics;
    private final Clock clock;
    private final SnsCertificates certificates;
    private final GuardedHttp http;

    SesHook(Set<String> topics, SnsCertificates certificates, GuardedHttp http, Clock clock) {
        this.clock = clock;
        this.topics = topics;
        this.certificates = certificates;
        this.http = http;
    }

    @Override
    public String name() {
        return "ses";
    }

    @Override
    public List<ProviderEvent> read(HookRequest r) throws HookRefused {
        JsonNode n = r.json();
        if (!n.isObject()) throw new HookRefused(400, "an SNS message is a JSON object");
        String type = HookRequest.text(n, "Type");
        List<String> fields = switch (type == null ? "" : type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION_FIELDS;
            default -> throw new HookRefused(400, "not an SNS message (Type is missing or unknown)");
        };
        String topic = HookRequest.text(n, "TopicArn");
        if (topic == null || !topics.contains(topic)) {
            throw new HookRefused(403, "the message is from an SNS topic that is not configured here");
        }
        verify(n, fields);
        return switch (type) {
            case "SubscriptionConfirmation" -> {
                confirm(n);
                yield List.of(ProviderEvent.other("SNS subscription to " + topic + " confirmed"));
            }
            case "UnsubscribeConfirmation" -> List.of(ProviderEvent.other("SNS unsubscribe confirmation for " + topic));
            default -> notification(HookRequest.text(n, "Message"));
        };
    }

    private void verify(JsonNode n, List<String> fields) throws HookRefused {
        String version = HookRequest.text(n, "SignatureVersion");
        String algorithm = switch (version == null ? "" : version) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new HookRefused(401, "the SNS SignatureVersion must be 1 or 2");
        };
        String signature = HookRequest.text(n, "Signature");
        String certUrl = HookRequest.text(n, "SigningCertURL");
        if (signature == null || certUrl == null) throw new HookRefused(401, "the SNS message is not signed");
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            String v = HookRequest.text(n, f);
            if (v == null) {
                if (f.equals("Subject")) continue; // the one optional field
                throw new HookRefused(400, "the SNS message has no " + f);
            }
            canonical.append(f).append('\n').append(v).append('\n');
        }
        PublicKey key = certificates.key(uri(certUrl, "SigningCertURL"));
        boolean ok;
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            ok = s.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) throw new HookRefused(401, "the SNS signature does not verify");
        Instant published;
        try {
            published = Instant.parse(HookRequest.text(n, "Timestamp"));
        } catch (DateTimeParseException e) {
            throw new HookRefused(400, "the SNS message's Timestamp is not an ISO 8601 instant");
        }
        SignedTime.requireFresh(published, clock, WINDOW, "the SNS message's Timestamp");
    }

    private void confirm(JsonNode n) throws HookRefused {
        URI url = uri(HookRequest.text(n, "SubscribeURL"), "SubscribeURL");
        if (!SnsCertificates.onSnsHost(url)) {
            throw new HookRefused(403, "the SubscribeURL is not on an SNS host (https://sns.REGION.amazonaws.com/)");
        }
        try {
            Response r = http.get(url, Map.of());
            if (r.status() != 200 || !SnsCertificates.onSnsHost(r.url())) {
                throw new HookRefused(503, "SNS did not confirm the subscription: HTTP " + r.status());
            }
        } catch (OutboundException e) {
            throw new HookRefused(503, "the SubscribeURL could not be fetched: " + e.getMessage());
        }
        log.info("SES webhook: confirmed the subscription to {}", HookRequest.text(n, "TopicArn"));
    }

    private static URI uri(String text, String field) throws HookRefused {
        try {
            if (text == null) throw new URISyntaxException("", "missing");
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new HookRefused(400, "the SNS message's " + field + " is not a URL");
        }
    }

    /** SES's notification (notificationType) or event publishing (eventType) JSON, as the SNS Message. */
    private static List<ProviderEvent> notification(String message) {
        JsonNode m;
        try {
            m = new HookRequest(message.getBytes(StandardCharsets.UTF_8), h -> null).json();
        } catch (HookRefused e) {
            // e.g. a test message published from the SNS console: signed by SNS, nothing SES reported
            return List.of(ProviderEvent.other("an SNS message that is not an SES notification"));
        }
        String type = Optional.ofNullable(HookRequest.text(m, "notificationType"))
                .or(() -> Optional.ofNullable(HookRequest.text(m, "eventType")))
                .orElse("");
        JsonNode mail = m.path("mail");
        Optional<String> messageId = ProviderEvent.messageId(HookRequest.text(mail, "commonHeaders", "messageId"));
        if (messageId.isEmpty()) {
            for (JsonNode h : mail.path("headers")) {
                if ("message-id".equalsIgnoreCase(HookRequest.text(h, "name"))) {
                    messageId = ProviderEvent.messageId(HookRequest.text(h, "value"));
                }
            }
        }
        List<String> returnPaths = new ArrayList<>();
        String source = HookRequest.text(mail, "source");
        if (source != null) returnPaths.add(source);
        List<ProviderEvent> events = new ArrayList<>();
        switch (type) {
            case "Bounce" -> {
                JsonNode b = m.path("bounce");
                String bounceType = HookRequest.text(b, "bounceType");
                ProviderEvent.Kind kind;
                if ("Permanent".equals(bounceType)) kind = ProviderEvent.Kind.HARD_BOUNCE;
                else if ("Transient".equals(bounceType)) kind = ProviderEvent.Kind.SOFT_BOUNCE;
                else return List.of(ProviderEvent.other("ses " + bounceType + " bounce"));
                String sub = Optional.ofNullable(HookRequest.text(b, "bounceSubType"))
                        .orElse("");
                for (JsonNode rcpt : b.path("bouncedRecipients")) {
                    String diagnostic = Optional.ofNullable(HookRequest.text(rcpt, "diagnosticCode"))
                            .orElse("");
                    events.add(new ProviderEvent(
                            kind,
                            Optional.ofNullable(HookRequest.text(rcpt, "emailAddress"))
                                    .orElse(""),
                            messageId,
                            returnPaths,
                            ProviderEvent.status(kind, HookRequest.text(rcpt, "status")),
                            "ses " + bounceType + "/" + sub
                                    + (diagnostic.isBlank() ? "" : ": " + GenericHook.clip(diagnostic))));
                }
            }
            case "Complaint" -> {
                JsonNode c = m.path("complaint");
                String feedback = Optional.ofNullable(HookRequest.text(c, "complaintFeedbackType"))
                        .orElse("abuse");
                for (JsonNode rcpt : c.path("complainedRecipients")) {
                    events.add(new ProviderEvent(
                            ProviderEvent.Kind.COMPLAINT,
                            Optional.ofNullable(HookRequest.text(rcpt, "emailAddress"))
                                    .orElse(""),
                            messageId,
                            returnPaths,
                            "",
                            "ses " + feedback));
                }
            }
            default -> events.add(ProviderEvent.other("ses " + (type.isEmpty() ? "message" : type)));
        }
        return events;
    }
}
