package com.picksdigest.delivery;

import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickLinks;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.subscribers.LinkTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds one subscriber's digest message. Subscribers who get the same digest share its rendered and encoded body
 * ({@link PreparedDigests}) and get headers and link tokens of their own; with click tracking every delivery's
 * links differ, so each is rendered alone. DKIM signs either when configured.
 */
final class DigestBuilder {
    /** The bytes to send and the Message-ID they carry (kept in the ledger). */
    record Built(MessagePayload message, String messageId) {}

    private final PreparedDigests prepared;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final DigestMessage messages;
    private final Optional<UnaryOperator<MimeMessage>> dkim;
    private final LinkTokens tokens;
    private final PickLinks links;

    DigestBuilder(
            DigestComposer composer,
            DigestTemplates templates,
            DigestMessage messages,
            Optional<UnaryOperator<MimeMessage>> dkim,
            LinkTokens tokens,
            PickLinks links) {
        this.prepared = new PreparedDigests(composer, templates);
        this.composer = composer;
        this.templates = templates;
        this.messages = messages;
        this.dkim = dkim;
        this.tokens = tokens;
        this.links = links;
    }

    Built build(Claim c, List<SelectedPick> picks) throws MessagingException {
        String token = tokens.issue(c.subscriberId(), c.tokenVersion());
        if (links == PickLinks.DIRECT) {
            PreparedDigest digest = prepared.get(new PreparedDigests.Key(
                    picks, c.editionDate(), c.timezone(), c.locale(), c.textOnly(), c.name() != null));
            DigestMessage.PreparedMessage m = messages.prepared(digest, c.email(), c.name(), token);
            return new Built(
                    dkim.isPresent() ? MessagePayload.of(dkim.get().apply(m.toMimeMessage())) : m, m.messageId());
        }
        DigestModel model = composer.compose(
                c.editionDate(),
                links.forDelivery(c.deliveryId(), picks),
                new DigestComposer.Recipient(c.name(), c.timezone(), c.locale(), token));
        String text = templates.renderText(model);
        String html = c.textOnly() ? null : templates.renderHtml(model);
        MimeMessage m = messages.build(c.email(), c.name(), token, model, text, html);
        return new Built(MessagePayload.of(dkim.isPresent() ? dkim.get().apply(m) : m), m.getMessageID());
    }
}
