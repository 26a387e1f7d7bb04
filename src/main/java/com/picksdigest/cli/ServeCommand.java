package com.picksdigest.cli;

import com.picksdigest.AppContext;
import com.picksdigest.Mailer;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.SendConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Scheduling;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SelfService;
import com.picksdigest.web.WebServer;
import com.picksdigest.web.admin.AdminRoutes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the scheduler, the send workers and the web server until SIGTERM. Several processes can "
                + "serve one database: Quartz clustering and row claims share the work.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private final CliContext ctx;

    ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        ShutdownSignal signal = new ShutdownSignal().install();
        try (AppContext app = ctx.open()) {
            MailConfig mail = MailConfig.from(app.settings());
            SmtpConfig smtp = SmtpConfig.from(app.settings());
            smtp.requireHost();
            SendConfig send = SendConfig.from(app.settings());
            int port = app.settings().integer("PICKS_HTTP_PORT", 8080, 0, 65535);
            SelfService selfService = app.selfService(smtp);
            selfService.notices().check();
            List<ScheduledTask> tasks = new ArrayList<>();
            tasks.add(new ScheduledTask("expire-signups", "0 30 * * * ?", selfService.signups()::expire));
            app.bounceMailbox().ifPresent(b -> tasks.add(b.task()));
            try (Mailer mailer = app.mailer(smtp)) {
                AdminRoutes admin = new AdminRoutes(app, mailer, smtp);
                tasks.add(admin.feedTask());
                Scheduling scheduling = mailer.startScheduled(app.database().dataSource(), send.nodeId(), true, tasks);
                WebServer web = new WebServer(
                                app.database(),
                                app.subscribers(),
                                app.categories(),
                                new LinkTokens(mail.secret()),
                                mail,
                                app.clock(),
                                () -> checks(scheduling, smtp),
                                selfService)
                        .with(admin::register)
                        .measuredBy(app.metrics());
                try {
                    web.start(port);
                    log.info(
                            "Serving on port {} as node {} with {} send worker(s); SMTP {}:{}",
                            web.port(),
                            send.nodeId(),
                            send.threads(),
                            smtp.requireHost(),
                            smtp.port());
                    signal.await();
                    log.info("Stopping: no new work; finishing in-flight sends");
                } finally {
                    web.close();
                }
            }
        }
        log.info("Stopped");
        return 0;
    }

    private static Map<String, String> checks(Scheduling scheduling, SmtpConfig smtp) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("scheduler", scheduling.running() ? "ok" : "not running");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(smtp.requireHost(), smtp.port()), 2000);
            out.put("smtp", "ok");
        } catch (IOException e) {
            out.put("smtp", "unreachable: " + e.getMessage());
        }
        return out;
    }
}
