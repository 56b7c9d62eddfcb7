package dev.jclaw.server.cli;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.auth.AccountException;
import dev.jclaw.server.auth.Accounts;
import dev.jclaw.server.auth.Passwords;
import dev.jclaw.store.jdbc.JdbcIdentity;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What {@code jclaw users}, {@code jclaw keys} and {@code jclaw audit} share: they go through the JClaw server running
 * on this home when there is one ({@link ServerIdentity}: it holds the user database), else they open the user
 * database of the data directory in this process ({@link LocalIdentity}). Either way a refusal is one sentence and
 * exit code 1, and the output is the same.
 */
abstract class IdentityCommand {
    /** How times are shown in tables: local time to the minute. */
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    final JClawConfig config;
    final PrintStream out;
    final PrintStream err;

    /** One operation on the accounts. */
    @FunctionalInterface
    interface Work {
        int run(IdentityBackend accounts) throws Exception;
    }

    IdentityCommand(JClawConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Finds the server or opens the stores, runs the work; turns refusals into one sentence and exit code 1. */
    int withStores(Work work) throws Exception {
        Optional<ServerIdentity> server;
        try {
            server = ServerIdentity.find(config);
        } catch (IdentityStoreException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        }
        if (server.isPresent()) {
            try (ServerIdentity accounts = server.get()) {
                return run(work, accounts);
            }
        }
        JdbcIdentity identity;
        try {
            identity = JdbcIdentity.h2(config.dataDir());
        } catch (IdentityStoreException e) {
            Optional<RuntimeFile> running = RuntimeFile.read(config.dataDir());
            err.println("jclaw: " + (running.isPresent() && e.getMessage().contains("in use")
                    ? "the JClaw server at " + running.get().url() + " (pid " + running.get().pid() + ") holds the"
                            + " user database and does not answer; try again when it does, or stop it"
                    : e.getMessage()));
            return 1;
        }
        try (identity) {
            return run(work, new LocalIdentity(identity, new Accounts(identity, new Passwords(), Clock.systemUTC())));
        }
    }

    private int run(Work work, IdentityBackend accounts) throws Exception {
        try {
            return work.run(accounts);
        } catch (AccountException | IdentityStoreException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        }
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    static String when(Optional<Instant> instant) {
        return instant.map(IdentityCommand::when).orElse("never");
    }

    /** A time member of an answer ({@code null} when there is none) as a table shows it. */
    static Optional<Instant> time(JsonObject object, String member) {
        return object.optString(member).map(Instant::parse);
    }

    /**
     * Reads the value after an option.
     *
     * @throws UsageException when there is none
     */
    static String value(java.util.List<String> args, int i) throws UsageException {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }
}
