package com.picksdigest.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * InnoDB resolves lock cycles by rolling one transaction back (SQLSTATE 40001, or a lock wait timeout). Both
 * are expected when several workers and nodes share the ledger; the statement is simply run again.
 */
public final class Deadlocks {
    private static final int ATTEMPTS = 5;

    private Deadlocks() {}

    public static <T> T retry(Supplier<T> work) {
        for (int i = 1; ; i++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                if (i >= ATTEMPTS || !isRetryable(e)) throw e;
                try {
                    Thread.sleep(5L * i + (long) (Math.random() * 20));
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
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || s.getErrorCode() == 1213
                    || s.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }
}
