package dev.jclaw.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * How the stores talk to their database: each operation is one transaction, retried when it lost a race, run on an
 * I/O thread of its own and waited for without being interruptible — so interrupting a caller (an aborted turn)
 * never breaks a write, a connection or the H2 file half-way; the caller's interrupt flag is kept.
 */
final class Transactions implements AutoCloseable {
    private static final int ATTEMPTS = 6;

    /** One transaction's work. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Database db;
    private final String label;
    private final String closedMessage;
    private final BiFunction<String, Throwable, RuntimeException> failure;
    private final ExecutorService io;
    private volatile boolean closed;

    /**
     * @param db the database
     * @param label how messages name it, e.g. {@code the session database}
     * @param store how messages name the store, e.g. {@code the session store}
     * @param failure makes the store's exception from one sentence and its cause
     */
    Transactions(Database db, String label, String store, BiFunction<String, Throwable, RuntimeException> failure) {
        this.db = db;
        this.label = label;
        this.closedMessage = store + " is closed";
        this.failure = failure;
        this.io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jclaw-db-io-", 0).factory());
    }

    <T> T run(String what, Work<T> work) {
        if (closed) {
            throw new IllegalStateException(closedMessage);
        }
        try {
            return CompletableFuture.supplyAsync(() -> attempt(what, work), io).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException(closedMessage, e);
        }
    }

    private <T> T attempt(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !lostARace(e)) {
                    throw failure.apply(label + " failed to " + what + ": " + firstLine(e), e);
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw failure.apply("interrupted while retrying to " + what, i);
                }
            }
        }
    }

    /** A unique key taken by a concurrent first use, a deadlock, a serialisation failure or a lock timeout. */
    private static boolean lostARace(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.equals("23505") || state.startsWith("40") || state.equals("HYT00") || state.equals("90131");
    }

    static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    /** Lets running operations finish; new ones are refused. */
    @Override
    public void close() {
        closed = true;
        io.close();
    }
}
