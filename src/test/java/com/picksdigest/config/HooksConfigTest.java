package com.picksdigest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HooksConfigTest {

    @Test
    void everyProviderIsOffUntilItsCredentialIsSet() {
        HooksConfig none = HooksConfig.from(Settings.of(Map.of()));
        assertThat(none.sesTopicArns()).isEmpty();
        assertThat(none.postmark()).isEmpty();
        assertThat(none.sendgridPublicKey()).isEmpty();
        assertThat(none.mailgunSigningKey()).isEmpty();
        assertThat(none.genericKey()).isEmpty();
    }

    @Test
    void readsEachProvidersSettings() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] key = g.generateKeyPair().getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key)
                + "\n-----END PUBLIC KEY-----\n";
        HooksConfig c = HooksConfig.from(Settings.of(Map.of(
                "PICKS_HOOKS_SES_TOPIC_ARN",
                "arn:aws:sns:us-east-1:123456789012:bounces, arn:aws:sns:eu-west-1:123456789012:complaints",
                "PICKS_HOOKS_POSTMARK_USER",
                "postmark",
                "PICKS_HOOKS_POSTMARK_PASSWORD",
                "0123456789abcdef",
                "PICKS_HOOKS_SENDGRID_PUBLIC_KEY",
                pem,
                "PICKS_HOOKS_MAILGUN_SIGNING_KEY",
                "key-0123456789abcdef",
                "PICKS_HOOKS_GENERIC_KEY",
                "generic-0123456789")));
        assertThat(c.sesTopicArns())
                .isEqualTo(Set.of(
                        "arn:aws:sns:us-east-1:123456789012:bounces", "arn:aws:sns:eu-west-1:123456789012:complaints"));
        assertThat(c.postmark()).contains(new HooksConfig.Credentials("postmark", "0123456789abcdef"));
        assertThat(c.sendgridPublicKey().orElseThrow().getEncoded()).isEqualTo(key);
        assertThat(c.mailgunSigningKey()).contains("key-0123456789abcdef");
        assertThat(c.genericKey()).contains("generic-0123456789");
    }

    @Test
    void refusesSettingsThatCannotWork() throws Exception {
        assertThatThrownBy(() -> HooksConfig.from(Settings.of(Map.of("PICKS_HOOKS_SES_TOPIC_ARN", "picks-bounces"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an SNS topic ARN");
        assertThatThrownBy(() -> HooksConfig.from(Settings.of(Map.of("PICKS_HOOKS_POSTMARK_USER", "postmark"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PICKS_HOOKS_POSTMARK_PASSWORD");
        assertThatThrownBy(() -> HooksConfig.from(Settings.of(Map.of("PICKS_HOOKS_GENERIC_KEY", "short"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(
                        () -> HooksConfig.from(Settings.of(Map.of("PICKS_HOOKS_SENDGRID_PUBLIC_KEY", "bm90IGEga2V5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a base64 EC public key");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String rsaKey = Base64.getEncoder()
                .encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> HooksConfig.from(Settings.of(Map.of("PICKS_HOOKS_SENDGRID_PUBLIC_KEY", rsaKey))))
                .isInstanceOf(ConfigException.class);
    }
}
