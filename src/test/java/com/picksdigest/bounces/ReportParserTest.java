package com.picksdigest.bounces;

import static com.picksdigest.bounces.BounceMessages.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.support.Mails;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parts of a report that decide what it does, read from the machine-readable fields only. */
class ReportParserTest {
    private static final String TOKEN = "42.3.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private final ReportParser parser = new ReportParser(MailConfig.from(Settings.of(Map.of(
            "PICKS_SECRET",
            BounceMessages.SECRET,
            "PICKS_FROM",
            "Picks <digest@" + DOMAIN + ">",
            "PICKS_BOUNCE_ADDRESS",
            "Bounces@" + DOMAIN))));

    private BounceReport parse(String raw) throws Exception {
        return parser.parse(Mails.parse(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHardBounceNamesItsDeliveryRecipientAndToken() throws Exception {
        BounceReport r = parse(BounceMessages.postfixBounce(
                "h",
                77,
                "Gone@Example.com",
                "failed (permanent)",
                "5.7.1 (delivery not authorized)",
                "550 5.7.1 Rejected",
                BounceMessages.digestHeaders("Gone@Example.com", 77, TOKEN)));

        assertThat(r)
                .isEqualTo(new BounceReport.HardBounce(
                        new BounceReport.Reference(
                                Optional.of(TOKEN),
                                Optional.of(77L),
                                Set.of("gone@example.com"),
                                Optional.of("<d77.1767254400000@" + DOMAIN + ">"),
                                false),
                        "5.7.1",
                        "smtp; 550 5.7.1 Rejected"));
    }

    @Test
    void aFailedReportWithATemporaryStatusIsSoftAndAWarningIsNothing() throws Exception {
        assertThat(parse(BounceMessages.eximSoftBounce(
                        "s", "full@example.com", BounceMessages.digestHeaders("full@example.com", 9, null))))
                .isInstanceOf(BounceReport.SoftBounce.class)
                .extracting(b -> ((BounceReport.SoftBounce) b).about().deliveryId())
                .isEqualTo(Optional.of(9L));
        assertThat(parse(BounceMessages.postfixBounce(
                        "d",
                        9,
                        "slow@example.com",
                        "delayed",
                        "4.4.1",
                        "timed out",
                        BounceMessages.digestHeaders("slow@example.com", 9, null))))
                .isEqualTo(new BounceReport.NoAction("a delivery report with action delayed"));
        assertThat(parse(BounceMessages.postfixBounce(
                        "x",
                        9,
                        "odd@example.com",
                        "failed",
                        "unknown",
                        "?",
                        BounceMessages.digestHeaders("odd@example.com", 9, null))))
                .isInstanceOf(BounceReport.Unrecognised.class);
    }

    @Test
    void onlyAbuseLikeFeedbackIsAComplaint() throws Exception {
        BounceReport abuse =
                parse(BounceMessages.arfComplaint("a", 5, "abuse", BounceMessages.digestHeaders("x", 5, TOKEN)));
        assertThat(abuse)
                .isEqualTo(new BounceReport.Complaint(
                        new BounceReport.Reference(
                                Optional.of(TOKEN),
                                Optional.of(5L),
                                Set.of(),
                                Optional.of("<d5.1767254400000@" + DOMAIN + ">"),
                                false),
                        "abuse"));
        assertThat(parse(BounceMessages.arfComplaint(
                        "b", 5, "auth-failure", BounceMessages.digestHeaders("x", 5, TOKEN))))
                .isEqualTo(new BounceReport.Unrecognised("a feedback report of type auth-failure"));
    }

    @Test
    void aMailtoUnsubscribeNeedsTheAddressAndTheSubject() throws Exception {
        assertThat(parse(BounceMessages.mailtoUnsubscribe("m", "r@example.com", TOKEN)))
                .isEqualTo(new BounceReport.MailtoUnsubscribe(TOKEN));
        assertThat(parse(BounceMessages.mailtoUnsubscribe("m", "r@example.com", TOKEN)
                        .replace("Subject: unsubscribe ", "Subject: please remove ")))
                .isInstanceOf(BounceReport.Unrecognised.class);
        assertThat(parse(BounceMessages.mailtoUnsubscribe("m", "r@example.com", TOKEN)
                        .replace("To: unsubscribe@", "To: someone@")))
                .isInstanceOf(BounceReport.Unrecognised.class);
    }

    @Test
    void aReturnPathMustCarryOurSignatureOrNoneAndNameOneDelivery() throws Exception {
        String signed = BounceMessages.verp(77);
        assertThat(signed).matches("bounces\\+77\\.[0-9a-f]{16}@" + DOMAIN);
        // a relay that changes the case of the address does not break it
        String shouted = signed.toUpperCase(Locale.ROOT);
        assertThat(hardBounce(shouted, BounceMessages.digestHeaders("r@example.com", shouted, 77, null)))
                .extracting(r -> ((BounceReport.HardBounce) r).about())
                .extracting(BounceReport.Reference::deliveryId, BounceReport.Reference::unsignedReturnPath)
                .containsExactly(Optional.of(77L), false);
        String old = BounceMessages.oldVerp(77);
        assertThat(hardBounce(old, BounceMessages.digestHeaders("r@example.com", old, 77, null)))
                .extracting(r -> ((BounceReport.HardBounce) r).about())
                .extracting(BounceReport.Reference::deliveryId, BounceReport.Reference::unsignedReturnPath)
                .containsExactly(Optional.of(77L), true);

        String wrongMac = "bounces+77.0123456789abcdef@" + DOMAIN;
        String otherSecret = MailConfig.from(Settings.of(Map.of(
                        "PICKS_SECRET",
                        "another-secret-another-secret-another-secret",
                        "PICKS_BOUNCE_ADDRESS",
                        "bounces@" + DOMAIN)))
                .envelopeFrom(77);
        String truncated = signed.replaceFirst("[0-9a-f]@", "@");
        for (String forged : List.of(wrongMac, otherSecret, truncated)) {
            assertThat(hardBounce(forged, BounceMessages.digestHeaders("r@example.com", forged, 77, TOKEN)))
                    .as(forged)
                    .isInstanceOf(BounceReport.Unrecognised.class);
        }
        // signed, but the quoted digest's return path names another delivery
        assertThat(hardBounce(signed, BounceMessages.digestHeaders("r@example.com", BounceMessages.verp(78), 78, null)))
                .isEqualTo(new BounceReport.Unrecognised("not believed: its return paths name two deliveries"));
        // the same forged address in a complaint's Original-Mail-From
        assertThat(parse(BounceMessages.arfComplaint(
                        "c", wrongMac, "abuse", BounceMessages.digestHeaders("x", null, 77, TOKEN))))
                .isInstanceOf(BounceReport.Unrecognised.class);
    }

    private BounceReport hardBounce(String returnPath, String quoted) throws Exception {
        return parse(BounceMessages.postfixBounce(
                "h", returnPath, "r@example.com", "failed", "5.1.1", "550 5.1.1 User unknown", quoted));
    }
}
