package com.picksdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PICKS_SMTP_RELAYS as an operator writes it, and the sentence a mistake in it gets. */
class RelaysConfigTest {
    @Test
    void oneRelayFromTheSingleSettingsIsTheDefault() {
        RelaysConfig c = RelaysConfig.from(Settings.of(Map.of("PICKS_SMTP_HOST", "mail.example.net")));
        assertThat(c.relays()).hasSize(1);
        assertThat(c.relays().get(0).name()).isEqualTo("mail.example.net:25");
        assertThat(c.relays().get(0).weight()).isEqualTo(1);
        assertThat(c.backoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RelaysConfig.from(Settings.of(Map.of())).relays()).isEmpty();
    }

    @Test
    void aListOfUrlsWithSchemesCredentialsWeightsRatesAndNames() {
        RelaysConfig c = RelaysConfig.from(Settings.of(Map.of(
                "PICKS_SMTP_RELAYS",
                "smtp+starttls://user:p%40ss@mail1.example.net:587?weight=3&rate=50, smtps://mail2.example.net,"
                        + " smtp://10.0.0.5?name=local",
                "PICKS_RELAY_BACKOFF_SECONDS",
                "5")));
        assertThat(c.relays()).hasSize(3);
        RelaysConfig.Relay a = c.relays().get(0);
        assertThat(a.smtp().tls()).isEqualTo(SmtpConfig.Tls.STARTTLS);
        assertThat(a.smtp().port()).isEqualTo(587);
        assertThat(a.smtp().user()).contains("user");
        assertThat(a.smtp().password()).isEqualTo("p@ss");
        assertThat(a.weight()).isEqualTo(3);
        assertThat(a.ratePerSecond()).isEqualTo(50.0);
        assertThat(c.relays().get(1).smtp().tls()).isEqualTo(SmtpConfig.Tls.SSL);
        assertThat(c.relays().get(1).smtp().port()).isEqualTo(465);
        assertThat(c.relays().get(1).smtp().user()).isEmpty();
        assertThat(c.relays().get(2).name()).isEqualTo("local");
        assertThat(c.relays().get(2).smtp().port()).isEqualTo(25);
        assertThat(c.backoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.describe())
                .isEqualTo("mail1.example.net:587 (weight 3, 50.0/s), mail2.example.net:465 (weight 1),"
                        + " local (weight 1)");
    }

    @Test
    void mistakesGetOneSentenceThatNeverShowsThePassword() {
        assertThatThrownBy(() -> relays("http://mail.example.net"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PICKS_SMTP_RELAYS")
                .hasMessageContaining("smtp, smtp+starttls or smtps");
        assertThatThrownBy(() -> relays("smtp://u:hunter2@mail.example.net?weight=0"))
                .hasMessageContaining("weight must be a whole number from 1 to 1000")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> relays("smtp://mail.example.net?rate=fast")).hasMessageContaining("rate must be");
        assertThatThrownBy(() -> relays("smtp://mail.example.net?colour=red"))
                .hasMessageContaining("unknown parameter \"colour\"");
        assertThatThrownBy(() -> relays("smtp://a.example.net?name=x,smtp://b.example.net?name=x"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> relays(" , ")).hasMessageContaining("names no relay");
        assertThatThrownBy(() -> RelaysConfig.from(Settings.of(
                        Map.of("PICKS_SMTP_RELAYS", "smtp://a.example.net", "PICKS_SMTP_HOST", "b.example.net"))))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> RelaysConfig.from(Settings.of(Map.of())).require())
                .hasMessageContaining("PICKS_SMTP_HOST (or PICKS_SMTP_RELAYS) is required");
    }

    private static RelaysConfig relays(String value) {
        return RelaysConfig.from(Settings.of(Map.of("PICKS_SMTP_RELAYS", value)));
    }
}
