package com.picksdigest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relays digests leave through: one (PICKS_SMTP_HOST and friends, the simple default) or several
 * (PICKS_SMTP_RELAYS, a comma-separated list of URLs such as
 * {@code smtp+starttls://user:pass@host:587?weight=3&rate=50}). Empty when none is configured.
 *
 * @param backoff how long a relay that refuses connections or answers 421 is first taken out (doubling while it keeps
 *                failing, at most 16 times as long)
 */
public record RelaysConfig(List<Relay> relays, Duration backoff) {

    /**
     * @param name          how figures and logs name it: the URL's {@code name} parameter, or host:port
     * @param weight        its share of the messages relative to the others (1-1000)
     * @param ratePerSecond at most this many messages a second through it; 0 for no limit
     */
    public record Relay(String name, SmtpConfig smtp, int weight, double ratePerSecond) {}

    private static final String KEY = "PICKS_SMTP_RELAYS";

    public static RelaysConfig from(Settings s) {
        Duration backoff = s.seconds("PICKS_RELAY_BACKOFF_SECONDS", 30, 1, 3600);
        Optional<String> list = s.optional(KEY);
        if (list.isEmpty()) {
            SmtpConfig one = SmtpConfig.from(s);
            return new RelaysConfig(
                    one.host().isEmpty()
                            ? List.of()
                            : List.of(new Relay(one.host().get() + ":" + one.port(), one, 1, 0)),
                    backoff);
        }
        if (s.optional("PICKS_SMTP_HOST").isPresent()) {
            throw new ConfigException("Set either PICKS_SMTP_HOST (one relay) or " + KEY + " (several), not both.");
        }
        Duration timeout = s.seconds("PICKS_SMTP_TIMEOUT_SECONDS", 30, 1, 600);
        List<Relay> relays = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String item : list.get().split(",")) {
            if (item.isBlank()) continue;
            Relay r = parse(item.strip(), timeout);
            if (!names.add(r.name())) {
                throw new ConfigException(KEY + " names the relay \"" + r.name() + "\" twice; give one a ?name=.");
            }
            relays.add(r);
        }
        if (relays.isEmpty()) throw new ConfigException(KEY + " is set but names no relay.");
        return new RelaysConfig(List.copyOf(relays), backoff);
    }

    /** One URL: smtp://, smtp+starttls:// or smtps://, optional user:password@, optional port and parameters. */
    static Relay parse(String url, Duration timeout) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(url, "it is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        SmtpConfig.Tls tls;
        int defaultPort;
        switch (scheme) {
            case "smtp" -> {
                tls = SmtpConfig.Tls.NONE;
                defaultPort = 25;
            }
            case "smtp+starttls" -> {
                tls = SmtpConfig.Tls.STARTTLS;
                defaultPort = 587;
            }
            case "smtps" -> {
                tls = SmtpConfig.Tls.SSL;
                defaultPort = 465;
            }
            default -> throw bad(url, "the scheme must be smtp, smtp+starttls or smtps");
        }
        if (u.getHost() == null) throw bad(url, "it names no host");
        if (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) {
            throw bad(url, "a relay URL has no path");
        }
        int port = u.getPort() < 0 ? defaultPort : u.getPort();
        Optional<String> user = Optional.empty();
        String password = "";
        if (u.getRawUserInfo() != null) {
            String[] up = u.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(up[0])).filter(x -> !x.isEmpty());
            password = up.length > 1 ? decode(up[1]) : "";
        }
        Map<String, String> params = new HashMap<>();
        if (u.getRawQuery() != null) {
            for (String p : u.getRawQuery().split("&")) {
                if (p.isEmpty()) continue;
                String[] kv = p.split("=", 2);
                params.put(decode(kv[0]).toLowerCase(Locale.ROOT), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        int weight = 1;
        double rate = 0;
        String name = u.getHost() + ":" + port;
        for (var e : params.entrySet()) {
            switch (e.getKey()) {
                case "weight" -> {
                    try {
                        weight = Integer.parseInt(e.getValue());
                    } catch (NumberFormatException x) {
                        weight = -1;
                    }
                    if (weight < 1 || weight > 1000) throw bad(url, "weight must be a whole number from 1 to 1000");
                }
                case "rate" -> {
                    try {
                        rate = Double.parseDouble(e.getValue());
                    } catch (NumberFormatException x) {
                        rate = -1;
                    }
                    if (!(rate >= 0 && rate <= 100_000))
                        throw bad(url, "rate must be messages per second from 0 to 100000");
                }
                case "name" -> {
                    name = e.getValue().strip();
                    if (!name.matches("[A-Za-z0-9._:-]{1,64}")) {
                        throw bad(url, "name must be 1-64 letters, digits, '.', '_', ':' or '-'");
                    }
                }
                default -> throw bad(url, "unknown parameter \"" + e.getKey() + "\" (weight, rate and name are known)");
            }
        }
        return new Relay(
                name, new SmtpConfig(Optional.of(u.getHost()), port, user, password, tls, timeout), weight, rate);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Never repeats the URL itself: it may hold a password. */
    private static ConfigException bad(String url, String why) {
        String shown = url.replaceAll("//[^@/]*@", "//***@");
        return new ConfigException(KEY + ": \"" + shown + "\" is not a relay URL: " + why + ".");
    }

    /** For commands that send: a sentence when no relay is configured. */
    public RelaysConfig require() {
        if (relays.isEmpty()) {
            throw new ConfigException("PICKS_SMTP_HOST (or " + KEY + ") is required to send mail but not set.");
        }
        return this;
    }

    /** "127.0.0.1:25", or "a (weight 3), b (weight 1)". */
    public String describe() {
        if (relays.size() == 1) return relays.get(0).name();
        return String.join(
                ", ",
                relays.stream()
                        .map(r -> r.name() + " (weight " + r.weight()
                                + (r.ratePerSecond() > 0 ? ", " + r.ratePerSecond() + "/s" : "") + ")")
                        .toList());
    }
}
