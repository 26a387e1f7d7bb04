package com.picksdigest.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.picksdigest.config.HooksConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postmark's bounce and spam complaint webhooks: the URL carries basic-auth credentials
 * ({@code https://USER:PASSWORD@picks.example.org/hooks/bounces/postmark}), which Postmark sends as an Authorization
 * header. Postmark names the message by its own id; ours is in the bounce's full dump ({@code Content}, with
 * "Include bounce content" on), whose last Message-ID header is the quoted original's.
 */
final class PostmarkHook implements Provider {
    /** Postmark bounce types that mean the address is gone, that it may come back, that the reader complained. */
    static final Set<String> HARD = Set.of("HardBounce", "BadEmailAddress");

    static final Set<String> SOFT = Set.of("SoftBounce", "DnsError");
    static final Set<String> COMPLAINT = Set.of("SpamComplaint", "SpamNotification");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \\t]*(<[^<>\\s]{1,250}>)[ \\t]*$");

    private final HooksConfig.Credentials credentials;

    PostmarkHook(HooksConfig.Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "postmark";
    }

    @Override
    public List<ProviderEvent> read(HookRequest r) throws HookRefused {
        if (!authorised(r.header().apply("Authorization"))) {
            throw new HookRefused(401, "the webhook URL's user name and password are required");
        }
        JsonNode n = r.json();
        if (!n.isObject()) throw new HookRefused(400, "a Postmark webhook posts one JSON object");
        String record = HookRequest.text(n, "RecordType");
        String type = HookRequest.text(n, "Type");
        ProviderEvent.Kind kind;
        if ("SpamComplaint".equals(record) || ("Bounce".equals(record) && COMPLAINT.contains(type))) {
            kind = ProviderEvent.Kind.COMPLAINT;
        } else if ("Bounce".equals(record) && HARD.contains(type)) {
            kind = ProviderEvent.Kind.HARD_BOUNCE;
        } else if ("Bounce".equals(record) && SOFT.contains(type)) {
            kind = ProviderEvent.Kind.SOFT_BOUNCE;
        } else {
            return List.of(ProviderEvent.other("postmark " + record + (type == null ? "" : " " + type)));
        }
        String email = HookRequest.text(n, "Email");
        if (email == null) throw new HookRefused(400, "the Postmark record has no Email");
        String content = Optional.ofNullable(HookRequest.text(n, "Content")).orElse("");
        Optional<String> messageId = Optional.empty();
        Matcher m = MESSAGE_ID.matcher(content);
        while (m.find()) messageId = ProviderEvent.messageId(m.group(1));
        List<String> places = new ArrayList<>();
        if (!content.isEmpty()) places.add(content);
        String details = Optional.ofNullable(HookRequest.text(n, "Details"))
                .or(() -> Optional.ofNullable(HookRequest.text(n, "Description")))
                .orElse("");
        return List.of(new ProviderEvent(
                kind,
                email,
                messageId,
                places,
                ProviderEvent.status(kind, null),
                "postmark " + type + (details.isBlank() ? "" : ": " + GenericHook.clip(details))));
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return false;
        // both compared, always: which one was wrong must not show in the time taken
        boolean user = Secrets.same(decoded.substring(0, colon), credentials.user());
        boolean password = Secrets.same(decoded.substring(colon + 1), credentials.password());
        return user & password;
    }
}
