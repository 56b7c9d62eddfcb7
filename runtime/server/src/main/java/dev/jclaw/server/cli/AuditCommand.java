package dev.jclaw.server.cli;

import dev.jclaw.api.json.Json;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.core.identity.LoggedAuditLog;
import dev.jclaw.server.auth.AuditFilter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jclaw audit [--user U] [--since T] [--kind K] [--limit N] [--json]}: the newest entries first, as a table
 * or as JSON lines (the same objects as {@code GET /api/audit} and the log).
 */
final class AuditCommand extends IdentityCommand {
    static final String USAGE = "expected 'audit [--user U] [--since T] [--kind K] [--limit N] [--json]'";

    AuditCommand(JClawConfig config, PrintStream out, PrintStream err) {
        super(config, out, err);
    }

    int run(List<String> args) throws Exception {
        Optional<String> user = Optional.empty();
        Optional<String> since = Optional.empty();
        Optional<String> kind = Optional.empty();
        Optional<String> limit = Optional.empty();
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--user" -> user = Optional.of(value(args, i++));
                case "--since" -> since = Optional.of(value(args, i++));
                case "--kind" -> kind = Optional.of(value(args, i++));
                case "--limit" -> limit = Optional.of(value(args, i++));
                case "--json" -> json = true;
                default -> throw new UsageException("unexpected '" + args.get(i) + "'; " + USAGE);
            }
        }
        AuditQuery query;
        try {
            query = AuditFilter.parse(user, kind, since, limit, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean asJson = json;
        return withStores((identity, accounts) -> {
            List<AuditEntry> entries = identity.audit().query(query);
            if (asJson) {
                entries.forEach(e -> out.println(Json.write(LoggedAuditLog.json(e))));
                return 0;
            }
            if (entries.isEmpty()) {
                err.println("no audit entries match");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("TIME", "KIND", "ACTOR", "ADDRESS", "SUBJECT", "DETAIL"));
            entries.forEach(e -> rows.add(List.of(e.time().toString(), e.kind().label(), e.actor(),
                    e.address().isEmpty() ? "-" : e.address(), e.subject().isEmpty() ? "-" : e.subject(),
                    e.detail().size() == 0 ? "" : Json.write(e.detail()))));
            Columns.print(out, rows);
            return 0;
        });
    }
}
