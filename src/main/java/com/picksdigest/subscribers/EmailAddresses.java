package com.picksdigest.subscribers;

import com.ibm.icu.text.IDNA;
import com.picksdigest.common.InvalidInputException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one place an address typed by someone is judged: bare addr-spec, one @, a dotted domain, no controls. A
 * domain typed in Unicode is kept in its xn-- form (IDNA 2008 through UTS 46), so what is stored is what every
 * relay accepts and one mailbox has one key however it was typed.
 */
public final class EmailAddresses {
    /** Immutable and thread-safe (ICU's documentation): one for the whole process. */
    private static final IDNA IDNA_RULES = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private EmailAddresses() {}

    /** A plain ASCII local part only: for what is mailed through a relay not known to offer SMTPUTF8. */
    public static String parse(String raw) {
        return parse(raw, false);
    }

    /**
     * @param utf8LocalPart whether a local part in Unicode (josé@example.org) may pass: only when the relays offer
     *                      SMTPUTF8 (RFC 6531), or to look up or suppress an address, which sends nothing
     */
    public static String parse(String raw, boolean utf8LocalPart) {
        String v = raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (v.isEmpty()) throw new InvalidInputException("E-mail address is required.");
        if (v.length() > 254) throw new InvalidInputException("E-mail address is longer than 254 characters.");
        if (v.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        int at = v.lastIndexOf('@');
        if (at < 1 || at != v.indexOf('@')) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        String local = v.substring(0, at);
        // Without SMTPUTF8 the mail client writes each character's low byte: 'josé' arrives as another address, and
        // U+0140 or U+013E arrive as '@' or '>' (another recipient, smuggled into the RCPT command).
        boolean unicodeLocal = local.chars().anyMatch(c -> c > 0x7e);
        if (unicodeLocal && !utf8LocalPart) {
            throw new InvalidInputException("\"" + printable(v) + "\" cannot be delivered: the mail relay does not "
                    + "accept addresses with non-ASCII characters before the @ (it does not offer SMTPUTF8).");
        }
        if (unicodeLocal && !local.codePoints().allMatch(EmailAddresses::fitForLocalPart)) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        v = local + "@" + asciiDomain(v.substring(at + 1), v);
        if (at > 64 || v.length() > 254 || !v.substring(at + 1).matches("[^.]+(\\.[^.]+)+")) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        try {
            // Jakarta Mail judges UTF-8 only under a JVM-wide switch: the structure is checked with each
            // non-ASCII letter (already vetted above) standing in as a plain one.
            String structure = unicodeLocal ? local.replaceAll("[^\\x00-\\x7e]", "u") + v.substring(at) : v;
            new InternetAddress(structure, true).validate();
        } catch (AddressException e) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        return v;
    }

    /** The address as its owner typed it: an xn-- domain back in Unicode (unchanged if it does not convert). */
    public static String forDisplay(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at < 0
                || !email.regionMatches(true, at + 1, "xn--", 0, 4)
                        && !email.toLowerCase(Locale.ROOT).contains(".xn--")) {
            return email;
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder unicode = IDNA_RULES.nameToUnicode(email.substring(at + 1), new StringBuilder(), info);
        return info.hasErrors() ? email : email.substring(0, at + 1) + unicode;
    }

    /** RFC 6531's UTF8-non-ascii, less what would hide or fake characters: controls, spaces, format, unassigned. */
    private static boolean fitForLocalPart(int c) {
        if (c <= 0x7e) return true;
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String asciiDomain(String domain, String whole) {
        boolean ascii = domain.chars().allMatch(c -> c < 0x7f);
        if (ascii && !domain.toLowerCase(Locale.ROOT).contains("xn--")) return domain;
        IDNA.Info info = new IDNA.Info();
        StringBuilder out = IDNA_RULES.nameToASCII(domain, new StringBuilder(), info);
        if (info.hasErrors()) {
            throw new InvalidInputException("\"" + printable(whole) + "\" is not a valid e-mail address: \""
                    + printable(domain) + "\" is not a valid internationalised domain name.");
        }
        return out.toString();
    }

    private static String printable(String v) {
        String p = v.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 80 ? p.substring(0, 77) + "..." : p;
    }
}
