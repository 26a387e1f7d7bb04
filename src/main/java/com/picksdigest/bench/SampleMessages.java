package com.picksdigest.bench;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.App;
import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.subscribers.LinkTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The same digests the real run sends, built the same way, for the plain Jakarta Mail baselines. */
final class SampleMessages {
    private SampleMessages() {}

    static List<MimeMessage> build(App app, int count) throws MessagingException {
        DigestPlanner planner = app.planner();
        DigestComposer composer = app.composer();
        DigestTemplates templates = app.digestTemplates();
        DigestMessage messages = app.digestMessages();
        LinkTokens tokens = app.linkTokens();
        var subs = app.database()
                .dsl()
                .select(
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
        // as each subscriber's first digest: the edition already went out, so their own watermarks hold nothing new
        Map<Long, List<SelectedPick>> digests =
                planner.plan(subs.map(s -> new DigestPlanner.Reader(s.value1(), null, false)), planner.cutNow());
        List<MimeMessage> out = new ArrayList<>();
        for (var s : subs) {
            List<SelectedPick> picks = digests.get(s.value1());
            if (picks.isEmpty()) continue;
            String token = tokens.issue(s.value1(), s.value6());
            DigestModel model = composer.compose(
                    LocalDate.now(app.clock()),
                    picks,
                    new DigestComposer.Recipient(s.value3(), s.value4(), "en", token));
            String html = s.value5() == DigestFormat.TEXT ? null : templates.renderHtml(model);
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
