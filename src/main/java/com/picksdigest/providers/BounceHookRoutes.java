package com.picksdigest.providers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.bounces.BounceActions;
import com.picksdigest.config.HooksConfig;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.outbound.Ports;
import com.picksdigest.web.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers' bounce and complaint webhooks, on the public port:
 *
 * <pre>
 * POST /hooks/bounces/ses        Amazon SES through an SNS HTTPS subscription (signed by SNS)
 * POST /hooks/bounces/postmark   basic auth in the webhook URL
 * POST /hooks/bounces/sendgrid   SendGrid's signed event webhook (ECDSA)
 * POST /hooks/bounces/mailgun    HMAC of timestamp and a one-time token
 * POST /hooks/bounces/generic    Authorization: Bearer KEY
 * </pre>
 *
 * A provider that is not configured answers 404. A request that is not the provider's answers 401 (or 403, 409) and
 * changes nothing. A believed request answers 200 with what each event did, also when an event is about a message we
 * never sent (it is refused, and a provider would only send it again).
 */
public final class BounceHookRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(BounceHookRoutes.class);
    static final String PREFIX = "/hooks/bounces/";
    static final List<String> NAMES = List.of("ses", "postmark", "sendgrid", "mailgun", "generic");
    /** SendGrid posts events in batches; more than this in one request is refused before it is read. */
    static final int MAX_BODY = 1024 * 1024;

    /**
     * How SNS certificates and confirmation links are fetched: a certificate is a few kilobytes, SNS answers fast or
     * the notification is tried again later, and no redirect is followed (the URL's SNS host serves it, or nothing).
     */
    public static final OutboundRules FETCH_RULES =
            new OutboundRules(Ports.DEFAULT, Duration.ofSeconds(10), 64 * 1024, 0);

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final ProviderReports reports;

    /**
     * @param http the guarded client SNS certificates and subscription confirmations are fetched with (only from
     *             SNS hosts)
     */
    public BounceHookRoutes(
            HooksConfig config, ProviderReports reports, HookTokens tokens, GuardedHttp http, Clock clock) {
        List<Provider> configured = new ArrayList<>();
        if (!config.sesTopicArns().isEmpty()) {
            configured.add(new SesHook(config.sesTopicArns(), new SnsCertificates(http, clock), http, clock));
        }
        config.postmark().ifPresent(c -> configured.add(new PostmarkHook(c)));
        config.sendgridPublicKey().ifPresent(k -> configured.add(new SendGridHook(k, clock)));
        config.mailgunSigningKey().ifPresent(k -> configured.add(new MailgunHook(k, tokens, clock)));
        config.genericKey().ifPresent(k -> configured.add(new GenericHook(k)));
        for (Provider p : configured) providers.put(p.name(), p);
        this.reports = reports;
    }

    @Override
    public void register(RoutesConfig r) {
        for (String name : NAMES) r.post(PREFIX + name, ctx -> handle(name, ctx));
    }

    private void handle(String name, Context ctx) {
        Provider p = providers.get(name);
        if (p == null) {
            answer(ctx, 404, "no " + name + " webhook is configured here");
            return;
        }
        try {
            byte[] body = body(ctx);
            List<ProviderEvent> events = p.read(new HookRequest(body, ctx::header));
            List<BounceActions.Outcome> outcomes = reports.apply(events);
            ObjectNode out = HookRequest.JSON.createObjectNode();
            ArrayNode results = out.putArray("results");
            for (BounceActions.Outcome o : outcomes) {
                results.addObject().put("done", o.done()).put("summary", o.summary());
            }
            log.info("Bounce webhook {}: {}", name, summary(outcomes));
            ctx.status(200).contentType("application/json").result(out.toString());
        } catch (HookRefused e) {
            log.warn("Bounce webhook {}: refused ({}): {}", name, e.status, e.getMessage());
            if (e.status == 401 && name.equals("postmark")) ctx.header("WWW-Authenticate", "Basic realm=\"bounces\"");
            answer(ctx, e.status, e.getMessage());
        }
    }

    /** One line however large the batch: what acted or was refused, and how many events asked for nothing. */
    static String summary(List<BounceActions.Outcome> outcomes) {
        long quiet = outcomes.stream().filter(BounceHookRoutes::quiet).count();
        List<String> told = outcomes.stream()
                .filter(o -> !quiet(o))
                .map(BounceActions.Outcome::summary)
                .limit(20)
                .toList();
        long untold = outcomes.size() - quiet - told.size();
        return outcomes.size() + " event(s)" + (quiet > 0 ? ", " + quiet + " with nothing to do" : "")
                + (told.isEmpty() ? "" : "; " + String.join("; ", told))
                + (untold > 0 ? "; and " + untold + " more" : "");
    }

    private static boolean quiet(BounceActions.Outcome o) {
        return o.done() && o.summary().startsWith("nothing to do");
    }

    private static byte[] body(Context ctx) throws HookRefused {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) throw new HookRefused(413, "the body is larger than " + MAX_BODY + " bytes");
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) throw new HookRefused(413, "the body is larger than " + MAX_BODY + " bytes");
            return b;
        } catch (IOException e) {
            throw new HookRefused(400, "the body could not be read");
        }
    }

    private static void answer(Context ctx, int status, String message) {
        ObjectNode out = HookRequest.JSON.createObjectNode().put("error", message);
        ctx.status(status).contentType("application/json").result(out.toString());
    }
}
