package com.picksdigest.cli;

import com.picksdigest.App;
import com.picksdigest.config.SendConfig;
import com.picksdigest.config.WebConfig;
import com.picksdigest.web.WebServer;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the scheduler, the send workers and the web server until SIGTERM. Several processes can "
                + "serve one database: Quartz clustering and row claims share the work.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    CommandRun run;

    @Override
    public Integer call() throws Exception {
        try (ShutdownSignal signal = new ShutdownSignal().install()) {
            serve(signal);
            log.info("Stopped");
            signal.completed();
        }
        return 0;
    }

    private void serve(ShutdownSignal signal) throws Exception {
        try (App app = run.open()) {
            app.relaysConfig().require();
            SendConfig send = app.sendConfig();
            WebConfig web = app.webConfig();
            app.checkTemplates();
            if (app.mailConfig().postalAddress().isEmpty()) {
                log.warn("PICKS_POSTAL_ADDRESS is not set: digests carry no postal address, which commercial mail needs"
                        + " (CAN-SPAM); set it to the sender's physical address");
            }
            app.startScheduling(send.nodeId(), app.scheduledTasks(), true);
            app.sending().workers().start();
            app.webhookRelay().start();
            WebServer pages = app.webServer().start(web.port());
            String ops = "";
            if (web.managementPort() >= 0) {
                WebServer management = app.opsServer().start(web.managementHost(), web.managementPort());
                ops = "; health and metrics on " + web.managementHost() + ":" + management.port();
            }
            log.info(
                    "Serving on port {} as node {} with {} send worker(s); SMTP {}{}",
                    pages.port(),
                    send.nodeId(),
                    send.threads(),
                    app.relaysConfig().describe(),
                    ops);
            signal.await();
            log.info("Stopping: no new work; finishing in-flight sends");
        }
    }
}
