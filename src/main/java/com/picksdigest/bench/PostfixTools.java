package com.picksdigest.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's smtp-sink and smtp-source, the classic pair for the physical limit of SMTP on this machine.
 * Found on PATH or in a directory extracted from the Debian package (`apt-get download postfix` and
 * `dpkg -x postfix_*.deb DIR`: the tools are in DIR/usr/sbin, their libraries in DIR/usr/lib/postfix).
 */
final class PostfixTools {
    private final Path sink;
    private final Path source;
    private final Optional<Path> libDir;

    private PostfixTools(Path sink, Path source, Optional<Path> libDir) {
        this.sink = sink;
        this.source = source;
        this.libDir = libDir;
    }

    static Optional<PostfixTools> find(Optional<Path> dir) {
        List<Path> candidates = new ArrayList<>();
        dir.ifPresent(d -> {
            candidates.add(d.resolve("usr/sbin"));
            candidates.add(d);
        });
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) candidates.add(Path.of(p));
        candidates.add(Path.of("/usr/sbin"));
        for (Path c : candidates) {
            Path sink = c.resolve("smtp-sink");
            Path source = c.resolve("smtp-source");
            if (Files.isExecutable(sink) && Files.isExecutable(source)) {
                Path lib = c.getParent() == null ? null : c.getParent().resolve("lib/postfix");
                return Optional.of(
                        new PostfixTools(sink, source, Optional.ofNullable(lib).filter(Files::isDirectory)));
            }
        }
        return Optional.empty();
    }

    /** Starts smtp-sink on a free loopback port; the caller stops it. */
    Process startSink(int port) throws IOException {
        Process p = builder(sink.toString(), "-u", "nobody", "127.0.0.1:" + port, "1024")
                .start();
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        p.destroy();
        throw new IOException("smtp-sink did not start on port " + port);
    }

    /** Seconds smtp-source takes for {@code messages} of {@code size} bytes over {@code connections} persistent sessions. */
    double sourceSeconds(int port, int messages, int size, int connections) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = builder(
                        source.toString(),
                        "-d",
                        "-s",
                        String.valueOf(connections),
                        "-m",
                        String.valueOf(messages),
                        "-l",
                        String.valueOf(size),
                        "127.0.0.1:" + port)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(
                    "smtp-source failed: " + new String(p.getInputStream().readAllBytes()).strip());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private ProcessBuilder builder(String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        libDir.ifPresent(
                l -> pb.environment().merge("LD_LIBRARY_PATH", l.toString(), (a, b) -> b + File.pathSeparator + a));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
