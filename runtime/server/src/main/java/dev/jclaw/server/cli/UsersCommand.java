package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.server.auth.Passwords;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jclaw users add|list|passwd|disable|enable|remove|tier}. A password is typed twice without echo at a
 * terminal, read from standard input with {@code --password-stdin}, or generated and shown once with
 * {@code --generate}; there is no default.
 */
final class UsersCommand extends IdentityCommand {
    static final String USAGE = "expected 'users add NAME [--admin] [--tier read-only|approval|yolo]"
            + " [--password-stdin|--generate]', 'users list [--json]',"
            + " 'users passwd NAME [--password-stdin|--generate]',"
            + " 'users disable|enable|remove NAME' or 'users tier NAME TIER'";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BufferedReader in;
    private final boolean terminal;

    UsersCommand(JClawConfig config, BufferedReader in, PrintStream out, PrintStream err, boolean terminal) {
        super(config, out, err);
        this.in = in;
        this.terminal = terminal;
    }

    int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        String verb = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        return switch (verb) {
            case "add" -> add(rest);
            case "list" -> {
                boolean json = flags(rest, List.of("--json")).contains("--json");
                yield withStores(accounts -> list(accounts.users(), json));
            }
            case "passwd" -> {
                UserId id = name(rest, 1, "users passwd NAME [--password-stdin|--generate]");
                Secret secret = password(id, flags(rest.subList(1, rest.size()),
                        List.of("--password-stdin", "--generate")));
                yield withStores(accounts -> {
                    accounts.passwd(id, secret.password());
                    err.println("changed the password of " + id + "; their login sessions have ended");
                    reveal(id, secret);
                    return 0;
                });
            }
            case "disable", "enable" -> {
                UserId id = name(rest, 1, "users " + verb + " NAME");
                yield withStores(accounts -> {
                    accounts.setDisabled(id, verb.equals("disable"));
                    err.println(verb + "d " + id + (verb.equals("disable") ? "; their login sessions have ended and"
                            + " their API keys are refused until 'jclaw users enable " + id + "'" : ""));
                    return 0;
                });
            }
            case "remove" -> {
                UserId id = name(rest, 1, "users remove NAME");
                yield withStores(accounts -> {
                    accounts.remove(id);
                    err.println("removed " + id + " and revoked their login sessions and API keys");
                    return 0;
                });
            }
            case "tier" -> {
                UserId id = name(rest, 2, "users tier NAME TIER");
                Tier tier = tier(rest.get(1));
                yield withStores(accounts -> {
                    accounts.setTier(id, tier);
                    err.println(id + " now has the tier " + tier.label());
                    return 0;
                });
            }
            default -> throw new UsageException("unknown users command '" + verb + "'; " + USAGE);
        };
    }

    private int add(List<String> args) throws Exception {
        UserId id = null;
        boolean admin = false;
        Tier tier = Tier.APPROVAL;
        List<String> source = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--admin" -> admin = true;
                case "--tier" -> tier = tier(value(args, i++));
                case "--password-stdin", "--generate" -> source.add(a);
                default -> {
                    if (a.startsWith("--") || id != null) {
                        throw new UsageException("'users add' does not take '" + a + "'; " + USAGE);
                    }
                    id = userId(a);
                }
            }
        }
        if (id == null) {
            throw new UsageException("'users add' needs a NAME; " + USAGE);
        }
        UserId name = id;
        boolean isAdmin = admin;
        Tier ceiling = tier;
        Secret secret = password(name, source);
        return withStores(accounts -> {
            JsonObject user = accounts.add(name, isAdmin, ceiling, secret.password());
            err.println("added " + user.string("user") + (user.optBoolean("admin").orElse(false) ? " (admin)" : "")
                    + " with the tier " + user.string("tier"));
            reveal(name, secret);
            return 0;
        });
    }

    private int list(List<JsonObject> users, boolean json) {
        if (json) {
            users.forEach(u -> out.println(Json.write(u)));
            return 0;
        }
        if (users.isEmpty()) {
            err.println("no users yet; add one with 'jclaw users add NAME'");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "ADMIN", "TIER", "STATE", "CREATED"));
        users.forEach(u -> rows.add(List.of(u.string("user"), u.optBoolean("admin").orElse(false) ? "yes" : "no",
                u.string("tier"), u.optBoolean("disabled").orElse(false) ? "disabled" : "enabled",
                when(time(u, "created")))));
        Columns.print(out, rows);
        return 0;
    }

    /** Where the password comes from: at most one of the flags, else the terminal. */
    /** A password, and whether it was generated (and must be shown once, after it was stored). */
    private record Secret(String password, boolean generated) {
        @Override
        public String toString() {
            return "Secret[generated=" + generated + "]";
        }
    }

    /** Shows a generated password once, on standard output alone so that a script can capture it. */
    private void reveal(UserId id, Secret secret) {
        if (secret.generated()) {
            err.println("generated a password for " + id + "; it is shown only this once:");
            out.println(secret.password());
        }
    }

    private Secret password(UserId id, List<String> source) throws UsageException, IOException {
        if (source.size() > 1) {
            throw new UsageException("give either --password-stdin or --generate, not both");
        }
        if (source.contains("--generate")) {
            StringBuilder generated = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                generated.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            return new Secret(generated.toString(), true);
        }
        if (source.contains("--password-stdin")) {
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("--password-stdin read no password; pipe it in, e.g."
                        + " printf '%s\\n' \"$PASSWORD\" | jclaw users add " + id + " --password-stdin");
            }
            return new Secret(checked(line), false);
        }
        Console console = System.console();
        if (!terminal || console == null) {
            throw new UsageException("there is no terminal to type a password; use --password-stdin or --generate");
        }
        char[] first = console.readPassword("Password for %s: ", id);
        char[] second = console.readPassword("Type it again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the two passwords differ; nothing was changed");
            }
            return new Secret(checked(new String(first)), false);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static String checked(String password) throws UsageException {
        try {
            return Passwords.checkPolicy(password);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<String> flags(List<String> args, List<String> allowed) throws UsageException {
        for (String a : args) {
            if (!allowed.contains(a)) {
                throw new UsageException("unexpected '" + a + "'; " + USAGE);
            }
        }
        return args;
    }

    /** The NAME of a command taking it first, then exactly {@code count - 1} more words, or options when 0. */
    private static UserId name(List<String> args, int count, String form) throws UsageException {
        boolean options = form.contains("[--");
        if (args.isEmpty() || args.getFirst().startsWith("--") || (!options && args.size() != count)) {
            throw new UsageException("expected '" + form + "'");
        }
        return userId(args.getFirst());
    }

    static UserId userId(String text) throws UsageException {
        try {
            return new UserId(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Tier tier(String text) throws UsageException {
        try {
            return Tier.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
