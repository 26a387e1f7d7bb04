package com.picksdigest.support;

import com.picksdigest.App;
import com.picksdigest.cli.CliContext;
import com.picksdigest.cli.PicksDigestCommand;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * Main for a child JVM: the real command line, with webhooks sent through the guarded client of the tests, where
 * {@link WebhookReceiver#HOST} resolves to the loopback receiver named by TEST_WEBHOOK_RECEIVER (host:port), the only
 * address treated as public.
 */
public final class ServeWithWebhookReceiver {
    private ServeWithWebhookReceiver() {}

    public static void main(String[] args) {
        String[] hp = System.getenv("TEST_WEBHOOK_RECEIVER").split(":");
        InetSocketAddress receiver = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
        GuardedHttp http = TestOutbound.client(
                OutboundRules.of(1024 * 1024).withDeadline(Duration.ofSeconds(5)),
                new TestResolver().map(WebhookReceiver.HOST, hp[0]),
                TestOutbound.publicExcept(receiver));
        CliContext ctx =
                new CliContext(System.getenv(), Clock.systemUTC(), System.in, App.Seams.DEFAULT.withWebhookHttp(http));
        System.exit(PicksDigestCommand.run(
                args, ctx, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
