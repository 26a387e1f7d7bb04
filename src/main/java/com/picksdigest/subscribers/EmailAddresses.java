package com.picksdigest.subscribers;

import com.picksdigest.common.InvalidInputException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/** The one place an address typed by someone is judged: bare addr-spec, one @, a dotted domain, no controls. */
public final class EmailAddresses {
    private EmailAddresses() {}

    public static String parse(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) throw new InvalidInputException("E-mail address is required.");
        if (v.length() > 254) throw new InvalidInputException("E-mail address is longer than 254 characters.");
        if (v.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        // Without SMTPUTF8 the mail client writes each character's low byte: 'josé' arrives as another address, and
        // U+0140 or U+013E arrive as '@' or '>' (another recipient, smuggled into the RCPT command).
        if (v.chars().anyMatch(c -> c > 0x7e)) {
            throw new InvalidInputException(
                    "\"" + printable(v) + "\" cannot be delivered: only plain ASCII addresses are "
                            + "supported (write an internationalised domain in its xn-- form).");
        }
        int at = v.lastIndexOf('@');
        if (at < 1 || at != v.indexOf('@') || at > 64 || !v.substring(at + 1).matches("[^.]+(\\.[^.]+)+")) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        try {
            new InternetAddress(v, true).validate();
        } catch (AddressException e) {
            throw new InvalidInputException("\"" + printable(v) + "\" is not a valid e-mail address.");
        }
        return v;
    }

    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String printable(String v) {
        String p = v.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 80 ? p.substring(0, 77) + "..." : p;
    }
}
