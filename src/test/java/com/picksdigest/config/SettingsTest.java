package com.picksdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void environmentWinsOverTheFileAndDefaultsFillTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("picks.properties");
        Files.writeString(file, "PICKS_SMTP_HOST=file.example.org\nPICKS_SMTP_PORT=2525\nPICKS_SEND_THREADS=3\n");
        Settings s = Settings.load(Map.of("PICKS_SMTP_HOST", "env.example.org", "HOME", "/x"), file);
        SmtpConfig smtp = SmtpConfig.from(s);
        assertThat(smtp.host()).contains("env.example.org");
        assertThat(smtp.port()).isEqualTo(2525);
        assertThat(SendConfig.from(s).threads()).isEqualTo(3);
        assertThat(SendConfig.from(Settings.of(Map.of())).threads()).isEqualTo(8);
    }

    @Test
    void malformedValuesNameTheSettingInOneSentence() {
        assertThatThrownBy(() -> SmtpConfig.from(Settings.of(Map.of("PICKS_SMTP_PORT", "eighty"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PICKS_SMTP_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> SmtpConfig.from(Settings.of(Map.of("PICKS_SMTP_TLS", "maybe"))))
                .hasMessageContaining("PICKS_SMTP_TLS");
        assertThatThrownBy(() -> SendConfig.from(Settings.of(Map.of("PICKS_SEND_THREADS", "0"))))
                .hasMessageContaining("PICKS_SEND_THREADS");
        assertThatThrownBy(() -> DbConfig.from(Settings.of(Map.of("PICKS_DB_URL", "postgres://x"))))
                .hasMessageContaining("PICKS_DB_URL");
        assertThatThrownBy(() ->
                        MailConfig.from(Settings.of(Map.of("PICKS_SECRET", SECRET, "PICKS_FROM", "not an address"))))
                .hasMessageContaining("PICKS_FROM");
        assertThatThrownBy(
                        () -> MailConfig.from(Settings.of(Map.of("PICKS_SECRET", SECRET, "PICKS_BASE_URL", "ftp://x"))))
                .hasMessageContaining("PICKS_BASE_URL");
        assertThatThrownBy(() -> MailConfig.from(Settings.of(Map.of("PICKS_SECRET", "short"))))
                .hasMessageContaining("PICKS_SECRET");
        assertThatThrownBy(() -> MailConfig.from(Settings.of(Map.of())))
                .hasMessage("PICKS_SECRET is required but not set.");
        assertThatThrownBy(() ->
                        MailConfig.from(Settings.of(Map.of("PICKS_SECRET", SECRET, "PICKS_DKIM_DOMAIN", "x.org"))))
                .hasMessageContaining("PICKS_DKIM_SELECTOR");
        assertThatThrownBy(() -> MailConfig.from(Settings.of(
                        Map.of("PICKS_SECRET", SECRET, "PICKS_POSTAL_ADDRESS", "1 Main St\nBcc: x@example.org"))))
                .hasMessageContaining("PICKS_POSTAL_ADDRESS must be one line");
        assertThat(MailConfig.from(Settings.of(Map.of("PICKS_SECRET", SECRET))).postalAddress())
                .isEmpty();
    }

    @Test
    void aMissingConfigFileIsOneSentence(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(Map.of(), dir.resolve("nope.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.properties");
    }
}
