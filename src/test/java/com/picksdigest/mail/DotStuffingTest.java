package com.picksdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingTest {
    @Test
    void dotStuffingDoublesLeadingDotsAndMendsBareLineEnds() throws Exception {
        byte[] in = ".a\n..b\rc.d\r\n.".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffing.write(in, in.length, out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("..a\r\n...b\r\nc.d\r\n..");
    }
}
