package com.picksdigest.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For a provider without a hook of its own (or a script of the operator's): {@code Authorization: Bearer KEY} and a
 * JSON object, or an array of them:
 *
 * <pre>
 * {"type": "hard_bounce" | "soft_bounce" | "complaint",
 *  "email": "reader@example.com",
 *  "message_id": "&lt;...@picks.example.org&gt;",      our Message-ID, or
 *  "return_path": "bounces+123.0a1b...@example.org",  our signed return path (at least one of the two)
 *  "status": "5.1.1", "detail": "550 5.1.1 user unknown"}   both optional
 * </pre>
 */
final class GenericHook implements Provider {
    static final int MAX_EVENTS = 1000;
    private final String key;

    GenericHook(String key) {
        this.key = key;
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public List<ProviderEvent> read(HookRequest r) throws HookRefused {
        String auth = r.header().apply("Authorization");
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).strip()
                : null;
        if (!Secrets.same(presented, key)) throw new HookRefused(401, "a valid Authorization: Bearer key is required");
        JsonNode body = r.json();
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) body.forEach(items::add);
        else items.add(body);
        if (items.size() > MAX_EVENTS) throw new HookRefused(413, "at most " + MAX_EVENTS + " events per request");
        List<ProviderEvent> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++)
            events.add(event(items.get(i), items.size() == 1 ? "" : "event " + (i + 1) + ": "));
        return events;
    }

    private static ProviderEvent event(JsonNode n, String where) throws HookRefused {
        if (!n.isObject()) throw new HookRefused(400, where + "an event is a JSON object");
        String type = HookRequest.text(n, "type");
        ProviderEvent.Kind kind = switch (type == null ? "" : type) {
            case "hard_bounce" -> ProviderEvent.Kind.HARD_BOUNCE;
            case "soft_bounce" -> ProviderEvent.Kind.SOFT_BOUNCE;
            case "complaint" -> ProviderEvent.Kind.COMPLAINT;
            default ->
                throw new HookRefused(
                        400, where + "\"type\" must be \"hard_bounce\", \"soft_bounce\" or \"complaint\"");
        };
        String email = HookRequest.text(n, "email");
        if (email == null || email.isBlank()) throw new HookRefused(400, where + "\"email\" is required");
        String quotedId = HookRequest.text(n, "message_id");
        Optional<String> messageId = ProviderEvent.messageId(quotedId);
        if (quotedId != null && messageId.isEmpty()) {
            throw new HookRefused(400, where + "\"message_id\" is not a Message-ID (<local@domain>)");
        }
        String returnPath = HookRequest.text(n, "return_path");
        if (messageId.isEmpty() && returnPath == null) {
            throw new HookRefused(400, where + "\"message_id\" or \"return_path\" is required");
        }
        String detail = Optional.ofNullable(HookRequest.text(n, "detail")).orElse("");
        return new ProviderEvent(
                kind,
                email,
                messageId,
                returnPath == null ? List.of() : List.of(returnPath),
                ProviderEvent.status(kind, HookRequest.text(n, "status")),
                "generic webhook" + (detail.isBlank() ? "" : ": " + clip(detail)));
    }

    static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }
}
