package com.picksdigest.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 2047 header encoding for the subject and the recipient's display name. Jakarta Mail's MimeUtility does the
 * same but looks its encoder up through a ServiceLoader on every call (jakartaee/mail-api#861), which showed as
 * jar scanning in the per-message profile.
 */
final class HeaderEncoding {
    /** 45 bytes of UTF-8 become 60 base64 characters: an encoded word of 72, under the limit of 75. */
    private static final int CHUNK_BYTES = 45;

    private HeaderEncoding() {}

    /** An unstructured header value (Subject): as is when plain ASCII, else encoded words, folded. */
    static String text(String value) {
        return plainAscii(value) ? value : encodedWords(value);
    }

    /** A mailbox for To: the bare address, or the display name (quoted or encoded) and the address. */
    static String mailbox(String email, String name) {
        if (name == null || name.isBlank()) return email;
        String phrase;
        if (!plainAscii(name)) {
            phrase = encodedWords(name);
        } else if (name.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+")) {
            phrase = name;
        } else {
            phrase = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return phrase + " <" + email + ">";
    }

    private static boolean plainAscii(String s) {
        if (s.length() > 900) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return !s.contains("=?");
    }

    private static String encodedWords(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            // take whole code points while they fit, so no character is split between two words
            int end = i;
            int bytes = 0;
            while (end < value.length()) {
                int cp = value.codePointAt(end);
                int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + len > CHUNK_BYTES) break;
                bytes += len;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) out.append("\r\n ");
            out.append("=?UTF-8?B?")
                    .append(Base64.getEncoder()
                            .encodeToString(value.substring(i, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = end;
        }
        return out.toString();
    }
}
