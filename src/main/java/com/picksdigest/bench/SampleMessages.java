package com.picksdigest.bench;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.config.MailConfig;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickSelector;
import com.picksdigest.subscribers.LinkTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** The same digests the real run sends, built the same way, for the plain Jakarta Mail baselines. */
final class SampleMessages {
    private SampleMessages() {}

    static List<MimeMessage> build(DSLContext db, MailConfig mail, Clock clock, int count) throws MessagingException {
        PickSelector selector = new PickSelector(db, mail.maxItems());
        DigestComposer composer = new DigestComposer(mail);
        DigestTemplates templates = new DigestTemplates(mail.templatesDir());
        DigestMessage messages = new DigestMessage(mail);
        LinkTokens tokens = new LinkTokens(mail.secret());
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        var subs = db.select(
                        SUBSCRIBERS.ID,
                        SUBSCRIBERS.EMAIL,
                        SUBSCRIBERS.NAME,
                        SUBSCRIBERS.TIMEZONE,
                        SUBSCRIBERS.FORMAT,
                        SUBSCRIBERS.TOKEN_VERSION)
                .from(SUBSCRIBERS)
                .orderBy(SUBSCRIBERS.ID)
                .limit(count)
                .fetch();
        var follows = selector.follows(subs.getValues(SUBSCRIBERS.ID));
        List<MimeMessage> out = new ArrayList<>();
        for (var s : subs) {
            var picks = selector.select(follows.getOrDefault(s.value1(), Set.of()), now.minus(Duration.ofDays(1)), now);
            if (picks.isEmpty()) continue;
            String token = tokens.issue(s.value1(), s.value6());
            DigestModel model = composer.compose(
                    LocalDate.now(clock), picks, new DigestComposer.Recipient(s.value3(), s.value4(), "en", token));
            String html = "text".equals(s.value5()) ? null : templates.renderHtml(model);
            out.add(messages.build(s.value2(), s.value3(), token, model, templates.renderText(model), html));
        }
        return out;
    }

    static int averageSize(List<MimeMessage> sample) throws IOException, MessagingException {
        long total = 0;
        for (MimeMessage m : sample) {
            CountingStream c = new CountingStream();
            m.writeTo(c);
            total += c.count;
        }
        return sample.isEmpty() ? 0 : (int) (total / sample.size());
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
