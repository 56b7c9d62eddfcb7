package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.identity.ApiKeyId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jclaw keys create --user U --name N} (prints the key once, alone on standard output),
 * {@code jclaw keys list [--user U] [--json]} (with last use) and {@code jclaw keys revoke ID}.
 */
final class KeysCommand extends IdentityCommand {
    static final String USAGE = "expected 'keys create --user U --name N', 'keys list [--user U] [--json]' or"
            + " 'keys revoke ID'";

    KeysCommand(JClawConfig config, PrintStream out, PrintStream err) {
        super(config, out, err);
    }

    int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "create" -> {
                Optional<String> user = Optional.empty();
                Optional<String> name = Optional.empty();
                for (int i = 0; i < rest.size(); i++) {
                    switch (rest.get(i)) {
                        case "--user" -> user = Optional.of(value(rest, i++));
                        case "--name" -> name = Optional.of(value(rest, i++));
                        default -> throw new UsageException("unexpected '" + rest.get(i) + "'; " + USAGE);
                    }
                }
                if (user.isEmpty() || name.isEmpty()) {
                    throw new UsageException("'keys create' needs --user U and --name N");
                }
                UserId id = UsersCommand.userId(user.get());
                String label = name.get();
                yield withStores(accounts -> {
                    IdentityBackend.NewKey issued = accounts.createKey(id, label);
                    err.println("made API key " + issued.id() + " (" + label + ") for " + id + "; it is shown"
                            + " only this once. Send it as 'Authorization: Bearer <key>':");
                    out.println(issued.secret());
                    return 0;
                });
            }
            case "list" -> {
                Optional<UserId> user = Optional.empty();
                boolean json = false;
                for (int i = 0; i < rest.size(); i++) {
                    switch (rest.get(i)) {
                        case "--user" -> user = Optional.of(UsersCommand.userId(value(rest, i++)));
                        case "--json" -> json = true;
                        default -> throw new UsageException("unexpected '" + rest.get(i) + "'; " + USAGE);
                    }
                }
                Optional<UserId> whose = user;
                boolean asJson = json;
                yield withStores(accounts -> list(accounts.keys(whose), asJson));
            }
            case "revoke" -> {
                if (rest.size() != 1) {
                    throw new UsageException("expected 'keys revoke ID' (the id 'jclaw keys list' shows)");
                }
                ApiKeyId id;
                try {
                    id = new ApiKeyId(rest.getFirst());
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                yield withStores(accounts -> {
                    JsonObject key = accounts.revokeKey(id);
                    err.println("revoked API key " + id + " (" + key.string("name") + ") of " + key.string("user"));
                    return 0;
                });
            }
            default -> throw new UsageException("unknown keys command '" + args.getFirst() + "'; " + USAGE);
        };
    }

    private int list(List<JsonObject> keys, boolean json) {
        if (json) {
            keys.forEach(k -> out.println(Json.write(k)));
            return 0;
        }
        if (keys.isEmpty()) {
            err.println("no API keys; make one with 'jclaw keys create --user U --name N'");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "USER", "CREATED", "LAST USED", "STATE", "NAME"));
        keys.forEach(k -> rows.add(List.of(k.string("id"), k.string("user"), when(time(k, "created")),
                when(time(k, "last_used")), time(k, "revoked").map(r -> "revoked " + when(r)).orElse("active"),
                k.string("name"))));
        Columns.print(out, rows);
        return 0;
    }
}
