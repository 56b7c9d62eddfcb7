package dev.jclaw.server.cli;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.identity.AuditQuery;
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
        return withStores(accounts -> {
            List<JsonObject> entries = accounts.audit(query);
            if (asJson) {
                entries.forEach(e -> out.println(Json.write(e)));
                return 0;
            }
            if (entries.isEmpty()) {
                err.println("no audit entries match");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("TIME", "KIND", "ACTOR", "ADDRESS", "SUBJECT", "DETAIL"));
            entries.forEach(e -> rows.add(List.of(e.string("time"), e.string("kind"), e.string("actor"),
                    dash(e.optString("address").orElse("")), dash(e.optString("subject").orElse("")),
                    e.optObject("detail").filter(d -> d.size() > 0).map(Json::write).orElse(""))));
            Columns.print(out, rows);
            return 0;
        });
    }

    private static String dash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
