package com.picksdigest.subscribers;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.picks.Categories;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;

/** Everything the public self-service pages act through, built together because they share one queue and one set of limits. */
public record SelfService(
        Signups signups,
        AccountChanges accounts,
        SubscriberData data,
        Confirmations confirmations,
        NoticeMails notices,
        Background background,
        SignupConfig config)
        implements AutoCloseable {

    public static SelfService create(
            DSLContext db,
            SubscriberService subscribers,
            Categories categories,
            MailConfig mail,
            SmtpConfig smtp,
            SignupConfig config,
            UnaryOperator<MimeMessage> signer,
            Clock clock) {
        Confirmations confirmations = new Confirmations(db, mail.secret(), clock);
        NoticeMails notices = new NoticeMails(mail, smtp, new DigestTemplates(mail.templatesDir()), signer);
        Background background = new Background();
        MailLimits limits = new MailLimits(clock);
        return new SelfService(
                new Signups(db, subscribers, categories, confirmations, notices, background, limits, config, clock),
                new AccountChanges(db, subscribers, confirmations, notices, background, limits, clock),
                new SubscriberData(db, clock),
                confirmations,
                notices,
                background,
                config);
    }

    @Override
    public void close() {
        background.close();
    }
}
