package com.picksdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The edition's bodies go to the socket without dot-stuffing, so no encoded line may start with a dot. */
class QuotedPrintableTest {
    @Test
    void aDotOpeningALineIsEncodedWhetherAfterALineEndOrASoftBreak() throws Exception {
        // 75 characters fill an encoded line, so the dot that follows lands at the start of the next one
        String text = ".first\n..second\nmiddle . dot\n" + "x".repeat(75) + ".after a soft break\n.";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuotedPrintable.encode(text, out);
        String encoded = out.toString(StandardCharsets.US_ASCII);

        assertThat(encoded.split("\r\n")).noneMatch(l -> l.startsWith("."));
        assertThat(encoded)
                .startsWith("=2Efirst\r\n=2E.second\r\nmiddle . dot\r\n")
                .contains("=\r\n=2Eafter");
        assertThat(decode(encoded)).isEqualTo(text.replace("\n", "\r\n"));
    }

    private static String decode(String qp) throws Exception {
        return new String(
                MimeUtility.decode(new ByteArrayInputStream(qp.getBytes(StandardCharsets.US_ASCII)), "quoted-printable")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
    }
}
