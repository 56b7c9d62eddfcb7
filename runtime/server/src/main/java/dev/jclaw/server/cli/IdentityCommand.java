package dev.jclaw.server.cli;

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
 * What {@code jclaw users}, {@code jclaw keys} and {@code jclaw audit} share: they open the user database of the
 * data directory directly, which works while no server holds it; a failure is one sentence and exit code 1.
 */
abstract class IdentityCommand {
    /** How times are shown in tables: local time to the minute. */
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    final JClawConfig config;
    final PrintStream out;
    final PrintStream err;

    /** One operation on the open stores. */
    @FunctionalInterface
    interface Work {
        int run(JdbcIdentity identity, Accounts accounts) throws Exception;
    }

    IdentityCommand(JClawConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Opens the stores, runs the work, closes them; turns refusals into one sentence and exit code 1. */
    int withStores(Work work) throws Exception {
        JdbcIdentity identity;
        try {
            identity = JdbcIdentity.h2(config.dataDir());
        } catch (IdentityStoreException e) {
            Optional<RuntimeFile> server = RuntimeFile.read(config.dataDir());
            err.println("jclaw: " + (server.isPresent() && e.getMessage().contains("in use")
                    ? "the JClaw server at " + server.get().url() + " (pid " + server.get().pid() + ") holds the user"
                            + " database; stop it to manage users, keys and the audit log from the command line"
                    : e.getMessage()));
            return 1;
        }
        try (identity) {
            return work.run(identity, new Accounts(identity, new Passwords(), Clock.systemUTC()));
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
