package com.picksdigest;

import com.picksdigest.cli.PicksDigestCommand;
import java.io.PrintWriter;
import java.time.Clock;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = PicksDigestCommand.run(
                args,
                System.getenv(),
                Clock.systemUTC(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        System.exit(code);
    }
}
