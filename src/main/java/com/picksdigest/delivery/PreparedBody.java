package com.picksdigest.delivery;

import com.picksdigest.digest.DigestTemplates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One body part rendered once for a whole group of subscribers and quoted-printable encoded once, with slots
 * for what differs per subscriber (their link token and their name). Writing it for one subscriber copies
 * the encoded pieces and encodes only the slot values.
 */
final class PreparedBody {
    /** Markers the renderer puts where per-subscriber values go; control characters no template emits. */
    static final String TOKEN_SLOT = DigestTemplates.TOKEN_SLOT;

    static final String NAME_SLOT = DigestTemplates.NAME_SLOT;
    private static final Pattern SLOT = Pattern.compile("\u0001([TN])\u0001");

    private final List<byte[]> pieces;
    private final List<Character> slots;
    private final boolean html;

    private PreparedBody(List<byte[]> pieces, List<Character> slots, boolean html) {
        this.pieces = pieces;
        this.slots = slots;
        this.html = html;
    }

    static PreparedBody of(String rendered, boolean html) {
        List<byte[]> pieces = new ArrayList<>();
        List<Character> slots = new ArrayList<>();
        Matcher m = SLOT.matcher(rendered);
        int from = 0;
        while (m.find()) {
            pieces.add(encodePiece(rendered.substring(from, m.start()), true));
            slots.add(m.group(1).charAt(0));
            from = m.end();
        }
        pieces.add(encodePiece(rendered.substring(from), false));
        return new PreparedBody(pieces, slots, html);
    }

    private static byte[] encodePiece(String text, boolean slotFollows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + text.length() / 8);
        int col = QuotedPrintable.encode(text, out);
        // a slot always starts on a fresh encoded line, whatever its value's length
        if (slotFollows && col > 0) QuotedPrintable.softBreak(out);
        return out.toByteArray();
    }

    /** The encoded part for one subscriber; name may be null only if the part has no name slot. */
    void writeTo(OutputStream out, String token, String name) throws IOException {
        for (int i = 0; i < pieces.size(); i++) {
            out.write(pieces.get(i));
            if (i < slots.size()) {
                String value = slots.get(i) == 'T' ? token : (html ? escapeHtml(name) : name);
                ByteArrayOutputStream slot = new ByteArrayOutputStream(value.length() * 3 + 8);
                if (QuotedPrintable.encode(value, slot) > 0) QuotedPrintable.softBreak(slot);
                slot.writeTo(out);
            }
        }
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
