package com.picksdigest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "send-now", mixinStandardHelpOptions = true, description = "TODO")
final class SendNowCommand implements Callable<Integer> {
    private final CliContext ctx;

    SendNowCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return 1;
    }
}
