package com.picksdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfServiceConfigTest {

    @Test
    void defaultsAreDoubleOptInNoProxyAndNoBounceMailbox() {
        Settings none = Settings.of(Map.of());
        assertThat(SignupConfig.from(none)).isEqualTo(new SignupConfig(true, false));
        assertThat(BounceConfig.from(none)).isEqualTo(new BounceConfig(Optional.empty(), 3, Duration.ofDays(30)));
        assertThat(SignupConfig.from(Settings.of(Map.of("PICKS_DOUBLE_OPT_IN", "false", "PICKS_TRUST_PROXY", "yes"))))
                .isEqualTo(new SignupConfig(false, true));
    }

    @Test
    void theBounceMailboxTakesItsPortFromTheTlsMode() {
        BounceConfig b = BounceConfig.from(Settings.of(Map.of(
                "PICKS_BOUNCE_IMAP_HOST",
                "imap.example.org",
                "PICKS_BOUNCE_IMAP_USER",
                "bounces",
                "PICKS_BOUNCE_IMAP_PASSWORD",
                "pw",
                "PICKS_BOUNCE_IMAP_TLS",
                "SSL",
                "PICKS_SOFT_BOUNCE_LIMIT",
                "5",
                "PICKS_BOUNCE_WINDOW_DAYS",
                "45")));
        assertThat(b)
                .isEqualTo(new BounceConfig(
                        Optional.of(new BounceConfig.Imap(
                                "imap.example.org",
                                993,
                                "bounces",
                                "pw",
                                SmtpConfig.Tls.SSL,
                                "INBOX",
                                Duration.ofSeconds(30))),
                        5,
                        Duration.ofDays(45)));
        assertThat(BounceConfig.from(Settings.of(Map.of(
                                "PICKS_BOUNCE_IMAP_HOST",
                                "h",
                                "PICKS_BOUNCE_IMAP_USER",
                                "u",
                                "PICKS_BOUNCE_IMAP_FOLDER",
                                "Bounces")))
                        .imap()
                        .get())
                .extracting(BounceConfig.Imap::port, BounceConfig.Imap::folder)
                .containsExactly(143, "Bounces");
    }

    @Test
    void malformedValuesNameTheSetting() {
        assertThatThrownBy(() -> SignupConfig.from(Settings.of(Map.of("PICKS_DOUBLE_OPT_IN", "perhaps"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PICKS_DOUBLE_OPT_IN must be true or false, not \"perhaps\".");
        assertThatThrownBy(() -> BounceConfig.from(Settings.of(Map.of("PICKS_BOUNCE_IMAP_HOST", "h"))))
                .hasMessage("PICKS_BOUNCE_IMAP_USER is required but not set.");
        assertThatThrownBy(() -> BounceConfig.from(Settings.of(Map.of(
                        "PICKS_BOUNCE_IMAP_HOST",
                        "h",
                        "PICKS_BOUNCE_IMAP_USER",
                        "u",
                        "PICKS_BOUNCE_IMAP_TLS",
                        "tls1.3"))))
                .hasMessageContaining("PICKS_BOUNCE_IMAP_TLS must be none, starttls or ssl");
        assertThatThrownBy(() -> BounceConfig.from(Settings.of(Map.of("PICKS_SOFT_BOUNCE_LIMIT", "0"))))
                .hasMessageContaining("PICKS_SOFT_BOUNCE_LIMIT");
        assertThatThrownBy(() -> BounceConfig.from(Settings.of(Map.of("PICKS_BOUNCE_WINDOW_DAYS", "0"))))
                .hasMessageContaining("PICKS_BOUNCE_WINDOW_DAYS");
    }
}
