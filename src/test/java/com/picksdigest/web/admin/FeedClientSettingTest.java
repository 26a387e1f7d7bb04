package com.picksdigest.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.config.ConfigException;
import com.picksdigest.config.OutboundConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.picks.FeedImport;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PICKS_FEED_ALLOW_PRIVATE opens the intranet ranges to feeds, and nothing else. Address literals only: no DNS. */
class FeedClientSettingTest {

    @Test
    void privateAddressesAreRefusedUnlessTheSettingAllowsThem() {
        GuardedHttp strict = FeedImport.client(OutboundConfig.from(Settings.of(Map.of())));
        GuardedHttp intranet =
                FeedImport.client(OutboundConfig.from(Settings.of(Map.of("PICKS_FEED_ALLOW_PRIVATE", "true"))));

        assertThat(strict.refusal(URI.create("http://10.1.2.3/feed.xml")))
                .hasValue("refused: 10.1.2.3 is a private address");
        assertThat(strict.refusal(URI.create("https://[fd00::7]/rss")))
                .hasValue("refused: fd00::7 is a unique-local address");
        assertThat(intranet.refusal(URI.create("http://10.1.2.3/feed.xml"))).isEmpty();
        assertThat(intranet.refusal(URI.create("https://[fd00::7]/rss"))).isEmpty();
        assertThat(intranet.refusal(URI.create("http://127.0.0.1:8080/")))
                .hasValue("refused: 127.0.0.1 is a loopback address");
        assertThat(intranet.refusal(URI.create("http://169.254.169.254/latest/meta-data/")))
                .hasValue("refused: 169.254.169.254 is a link-local address");
        assertThat(intranet.refusal(URI.create("http://10.1.2.3:25/")))
                .hasValue("refused: port 25 is not allowed (only 80, 443 and 1024-65535)");
    }

    @Test
    void aMalformedValueStopsTheProgramWithASentenceNamingTheSetting() {
        assertThatThrownBy(() -> OutboundConfig.from(Settings.of(Map.of("PICKS_FEED_ALLOW_PRIVATE", "sometimes"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PICKS_FEED_ALLOW_PRIVATE must be true or false, not \"sometimes\".");
    }
}
