package com.picksdigest.db;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a write again when the database failed it through no fault of the statement. InnoDB resolves lock cycles by
 * rolling one transaction back (SQLSTATE 40001, or a lock wait timeout); both are expected when several workers
 * and nodes share the ledger. A lost connection (KILL, a server restart or failover, a cut network) is waited out
 * for a while: a worker that had the relay's 250 must still record it, or the delivery would be sent again.
 * Every caller's work may run twice: INSERT IGNORE, and updates guarded by the state they expect, so a repeat of
 * one whose commit went through before the connection dropped changes nothing.
 */
public final class Deadlocks {
    private static final int ATTEMPTS = 5;
    private static final Duration RECONNECT_FOR = Duration.ofSeconds(30);
    private static final long MAX_RECONNECT_PAUSE_MS = 1000;

    private Deadlocks() {}

    public static <T> T retry(Supplier<T> work) {
        long reconnectUntil = System.nanoTime() + RECONNECT_FOR.toNanos();
        int lockFailures = 0;
        for (int i = 1; ; i++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                long pauseMs;
                if (isRetryable(e) && ++lockFailures < ATTEMPTS) {
                    pauseMs = 5L * lockFailures + (long) (Math.random() * 20);
                } else if (isConnectionLoss(e) && System.nanoTime() < reconnectUntil) {
                    pauseMs = Math.min(MAX_RECONNECT_PAUSE_MS, 25L << Math.min(i, 6));
                } else {
                    throw e;
                }
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static void retry(Runnable work) {
        retry(() -> {
            work.run();
            return null;
        });
    }

    static boolean isRetryable(Throwable e) {
        return anySqlException(
                e, s -> "40001".equals(s.getSQLState()) || s.getErrorCode() == 1213 || s.getErrorCode() == 1205);
    }

    /**
     * SQLSTATE class 08 (Connector/J's communications failures, HikariCP's closed connections), MariaDB's
     * "connection was killed" (1927) and "server shutdown in progress" (1053). Connector/J sometimes masks the
     * failure behind a NullPointerException from a closed statement, with the SQLException only among the
     * suppressed ones, so those are searched too.
     */
    static boolean isConnectionLoss(Throwable e) {
        return anySqlException(
                e,
                s -> (s.getSQLState() != null && s.getSQLState().startsWith("08"))
                        || s.getErrorCode() == 1927
                        || s.getErrorCode() == 1053);
    }

    private static boolean anySqlException(Throwable e, Predicate<SQLException> test) {
        return anySqlException(e, test, 0);
    }

    private static boolean anySqlException(Throwable e, Predicate<SQLException> test, int depth) {
        if (e == null || depth > 10) return false;
        if (e instanceof SQLException s && test.test(s)) return true;
        for (Throwable s : e.getSuppressed()) {
            if (anySqlException(s, test, depth + 1)) return true;
        }
        return e.getCause() != e && anySqlException(e.getCause(), test, depth + 1);
    }
}
