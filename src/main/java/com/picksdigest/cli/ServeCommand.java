package com.picksdigest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "TODO")
final class ServeCommand implements Callable<Integer> {
    private final CliContext ctx;

    ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return 1;
    }
}
