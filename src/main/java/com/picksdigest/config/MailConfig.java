package com.picksdigest.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What every digest carries: sender, site, links, list headers, signing.
 *
 * @param postalAddress the sender's postal address printed in every digest's footer (PICKS_POSTAL_ADDRESS; CAN-SPAM
 *                      asks for one in commercial mail), one line
 * @param verp the signed return paths, when PICKS_BOUNCE_ADDRESS is set (made from it and the secret)
 */
public record MailConfig(
        InternetAddress from,
        String siteName,
        URI baseUrl,
        String secret,
        String listId,
        String unsubscribeMailto,
        int maxItems,
        Optional<Path> templatesDir,
        Optional<Dkim> dkim,
        Optional<InternetAddress> bounceAddress,
        Optional<String> postalAddress,
        Optional<VerpAddresses> verp) {

    public record Dkim(String domain, String selector, Path keyFile) {}

    public static MailConfig from(Settings s) {
        InternetAddress from = address("PICKS_FROM", s.string("PICKS_FROM", "Picks Digest <digest@localhost>"));
        String domain = domainOf(from);
        String secret = s.required("PICKS_SECRET");
        if (secret.length() < 32) {
            throw new ConfigException(
                    "PICKS_SECRET must be at least 32 characters long (it signs every subscriber link).");
        }
        String unsub = s.string("PICKS_UNSUBSCRIBE_MAILTO", "unsubscribe@" + domain);
        address("PICKS_UNSUBSCRIBE_MAILTO", unsub);
        String listId = s.string("PICKS_LIST_ID", "digest." + domain);
        if (!listId.matches("[A-Za-z0-9.-]{1,200}")) {
            throw new ConfigException(
                    "PICKS_LIST_ID must be a dotted name such as digest.example.org, not \"" + listId + "\".");
        }
        URI base = s.url("PICKS_BASE_URL", "http://localhost:8080");
        String baseText = base.toString().replaceAll("/+$", "");
        Optional<InternetAddress> bounce =
                s.optional("PICKS_BOUNCE_ADDRESS").map(a -> address("PICKS_BOUNCE_ADDRESS", a));
        return new MailConfig(
                from,
                s.string("PICKS_SITE_NAME", "Picks Digest"),
                URI.create(baseText),
                secret,
                listId,
                unsub,
                s.integer("PICKS_DIGEST_MAX_ITEMS", 12, 1, 100),
                s.optional("PICKS_TEMPLATES_DIR").map(Path::of),
                dkim(s),
                bounce,
                s.optional("PICKS_POSTAL_ADDRESS").map(MailConfig::checkedPostalAddress),
                bounce.map(a -> new VerpAddresses(a, secret)));
    }

    /** One line of printable text: it goes into every digest as it is (escaped in HTML). */
    private static String checkedPostalAddress(String value) {
        if (value.length() > 300 || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new ConfigException("PICKS_POSTAL_ADDRESS must be one line of at most 300 characters, such as"
                    + " \"Picks Media, 1 Main Street, Springfield, IL 62701, USA\".");
        }
        return value;
    }

    private static Optional<Dkim> dkim(Settings s) {
        Optional<String> domain = s.optional("PICKS_DKIM_DOMAIN");
        Optional<String> selector = s.optional("PICKS_DKIM_SELECTOR");
        Optional<String> key = s.optional("PICKS_DKIM_KEY");
        if (domain.isEmpty() && selector.isEmpty() && key.isEmpty()) return Optional.empty();
        if (domain.isEmpty() || selector.isEmpty() || key.isEmpty()) {
            throw new ConfigException(
                    "PICKS_DKIM_DOMAIN, PICKS_DKIM_SELECTOR and PICKS_DKIM_KEY must be set together.");
        }
        Path keyFile = Path.of(key.get());
        if (!keyFile.toFile().canRead()) {
            throw new ConfigException("PICKS_DKIM_KEY names " + keyFile + ", which cannot be read.");
        }
        return Optional.of(new Dkim(domain.get(), selector.get(), keyFile));
    }

    private static InternetAddress address(String key, String value) {
        try {
            InternetAddress a = new InternetAddress(value, true);
            if (!a.getAddress().contains("@")) throw new AddressException("no domain");
            return a;
        } catch (AddressException e) {
            throw new ConfigException(
                    key + " must be an e-mail address such as \"Picks <digest@example.org>\", not \"" + value + "\".");
        }
    }

    /**
     * The envelope sender (Return-Path) of one delivery: with PICKS_BOUNCE_ADDRESS = bounces@example.org this is
     * bounces+ID.MAC@example.org (VERP, {@link VerpAddresses}), so a bounce names the delivery it is about in a way
     * only we can write; otherwise the From address.
     */
    public String envelopeFrom(long deliveryId) {
        return verp.isPresent() ? verp.get().format(deliveryId) : from.getAddress();
    }

    /** The domain of the From address: the EHLO name, Message-ID domain and default list names use it. */
    public String senderDomain() {
        return domainOf(from);
    }

    private static String domainOf(InternetAddress address) {
        String a = address.getAddress();
        return a.substring(a.lastIndexOf('@') + 1);
    }

    public String link(String path) {
        return baseUrl + path;
    }

    public Duration newSubscriberLookback(boolean weekly) {
        return weekly ? Duration.ofDays(7) : Duration.ofHours(24);
    }
}
