package dev.jclaw.server.cli;

import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.memory.MergeNotes;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.MemoryConfig;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.session.OwnedKeys;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.wiring.Wiring;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jclaw memory add|search|list|stats|forget|split|reindex}: memory from the terminal, with
 * {@code --namespace NS} and {@code --json}. With a server running on this JClaw home (or {@code --url URL}) it goes
 * through the server's memory API, since the server holds the memory database; otherwise it runs in this process.
 * Output and exit codes are the same either way. Without {@code --namespace} it is the terminal's memory,
 * {@code user:admin}: the namespace of the terminal's conversations, in this process and in a server alike.
 */
final class MemoryCommand {
    static final String USAGE = "expected 'memory add|search|list|stats|forget|split|reindex' [--namespace NS]"
            + " [--json] ...; see jclaw help";
    /** The namespace of the person at this machine's terminal: the admin's, as in the server. */
    static final Namespace TERMINAL = new Namespace(OwnedKeys.CHANNEL + ":" + Approvals.TERMINAL.id().value());
    private static final Set<String> COMMANDS = Set.of("add", "search", "list", "stats", "forget", "split",
            "reindex");
    private final JClawConfig config;
    private final PrintStream out;
    private final PrintStream err;

    MemoryCommand(JClawConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /**
     * @param namespace the one named with {@code --namespace}; empty for the caller's own
     */
    private record Options(Optional<Namespace> namespace, boolean json, int limit, Set<MemoryLayer> layers,
                           boolean all, String type, List<String> words) {
    }

    int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        String command = args.getFirst();
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown memory command '" + command + "'; " + USAGE);
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        Optional<String> url = ServerTarget.takeUrl(rest);
        Options o = parse(rest);
        check(command, o);
        try (MemoryBackend backend = open(command, url)) {
            return backend == null ? 1 : run(command, backend, o);
        } catch (IllegalArgumentException | ServerClient.ServerException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        }
    }

    /** @return the server's memory API, or memory in this process; null when that cannot be opened (said why) */
    private MemoryBackend open(String command, Optional<String> url) throws Exception {
        if (url.isEmpty() && !MemoryConfig.of(config).enabled()) {
            throw new UsageException("memory is off: memory.enabled is false");
        }
        Optional<ServerClient> server = ServerTarget.find(config, url,
                Optional.ofNullable(System.getenv(ServerTarget.TOKEN_ENV)));
        if (server.isPresent()) {
            return new RemoteMemory(server.get());
        }
        AgentMemory memory;
        try {
            memory = Wiring.memory(config).orElseThrow(() -> new UsageException("memory is off: memory.enabled is"
                    + " false"));
        } catch (MemoryException e) {
            // a server that holds the database but does not answer (starting, or stuck): name it
            err.println("jclaw: " + RuntimeFile.read(config.dataDir())
                    .filter(running -> e.getMessage().contains("in use"))
                    .map(running -> "the JClaw server on this home (pid " + running.pid() + ", " + running.url()
                            + ") holds the memory database but does not answer; try again once it does")
                    .orElse(e.getMessage()));
            return null;
        }
        LocalMemory local = new LocalMemory(memory, TERMINAL);
        if (!command.equals("reindex")) {
            try {
                local.ensureIndex(n -> progress(n, false));
            } catch (InterruptedException | RuntimeException e) {
                local.close();
                throw e;
            }
        }
        return local;
    }

    private int run(String command, MemoryBackend backend, Options o) throws Exception {
        MemoryOutput print = new MemoryOutput(out, err, o.json());
        String text = String.join(" ", o.words());
        return switch (command) {
            case "add" -> {
                MemoryLayer layer = o.layers().isEmpty() ? MemoryLayer.FACT : o.layers().iterator().next();
                switch (backend.add(o.namespace(), layer, o.type(), text)) {
                    case MemoryService.Memorized.Stored s -> print.entries(List.of(s.entry()),
                            "added " + MergeNotes.tag(s.entry()));
                    case MemoryService.Memorized.AlreadyKnown k -> print.entries(List.of(k.entry()),
                            MergeNotes.alreadyKnown(k.entry()));
                    case MemoryService.Memorized.Merged m -> print.entries(List.of(m.entry(), m.absorbed()),
                            MergeNotes.merged(m, "jclaw memory split" + namespaceOption(o)));
                }
                yield 0;
            }
            case "search" -> {
                print.found(backend.search(o.namespace(), text, o.layers(), o.limit()));
                yield 0;
            }
            case "list" -> {
                MemoryBackend.Listed listed = backend.list(o.namespace(), o.layers(), o.all(), o.limit());
                print.entries(listed.entries(), listed.entries().isEmpty() ? "nothing remembered in "
                        + listed.namespace() : "");
                yield 0;
            }
            case "stats" -> {
                print.stats(backend.stats(o.namespace()));
                yield 0;
            }
            case "forget" -> switch (backend.forget(o.namespace(), o.words().getFirst(),
                    String.join(" ", o.words().subList(1, o.words().size())))) {
                case MemoryService.Forgetting.Forgotten f -> {
                    print.entries(List.of(f.entry()), "forgot " + MergeNotes.tag(f.entry()));
                    yield 0;
                }
                case MemoryService.Forgetting.Refused r -> refused(r.message());
            };
            case "split" -> switch (backend.split(o.namespace(), o.words().getFirst())) {
                case MemoryService.Splitting.Split s -> {
                    print.entries(s.restored(), MergeNotes.split(s));
                    yield 0;
                }
                case MemoryService.Splitting.Refused r -> refused(r.message());
            };
            default -> { // reindex
                MemoryBackend.Reindexed done = backend.reindex(n -> progress(n, true));
                err.println("\rreindexed " + done.entries() + " entries (embeddings: " + done.embedding() + ")");
                yield 0;
            }
        };
    }

    private int refused(String message) {
        err.println("jclaw: " + message);
        return 1;
    }

    private void progress(long done, boolean always) {
        if (always || done % 1_000 == 0) {
            err.print("\rindexing memory: " + done + " entries");
            err.flush();
        }
    }

    /** The usage errors of each command, before anything is opened. */
    private static void check(String command, Options o) throws UsageException {
        switch (command) {
            case "add" -> {
                if (o.words().isEmpty()) {
                    throw new UsageException("memory add needs the text, e.g. jclaw memory add \"the VPN is vpn-2\"");
                }
            }
            case "search" -> {
                if (o.words().isEmpty()) {
                    throw new UsageException("memory search needs words");
                }
            }
            case "forget" -> {
                if (o.words().size() < 2) {
                    throw new UsageException("memory forget needs an id and a reason, e.g. jclaw memory forget"
                            + " ab12cd34 \"moved to vpn-3\"");
                }
            }
            case "split" -> {
                if (o.words().size() != 1) {
                    throw new UsageException("memory split needs the id of a merged memory, e.g. jclaw memory"
                            + " split cd34ef56; jclaw memory list --all shows them");
                }
            }
            default -> {
            }
        }
    }

    private static Options parse(List<String> args) throws UsageException {
        Optional<String> ns = Optional.empty();
        boolean json = false;
        boolean all = false;
        int limit = 20;
        String type = "note";
        Set<MemoryLayer> layers = EnumSet.noneOf(MemoryLayer.class);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--all" -> all = true;
                case "--namespace", "--limit", "--layer", "--type" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    String v = args.get(++i);
                    switch (a) {
                        case "--namespace" -> ns = Optional.of(v);
                        case "--type" -> type = v;
                        case "--layer" -> layers.add(MemoryLayer.parse(v).orElseThrow(() ->
                                new UsageException("--layer takes L2, L3 or L4, not '" + v + "'")));
                        default -> limit = limit(v);
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a + " for memory");
                    }
                    words.add(a);
                }
            }
        }
        Optional<Namespace> namespace;
        try {
            namespace = ns.map(Namespace::new);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--namespace: " + e.getMessage());
        }
        return new Options(namespace, json, limit, layers, all, type, words);
    }

    private static int limit(String v) throws UsageException {
        int limit;
        try {
            limit = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1_000) {
            throw new UsageException("--limit takes a number from 1 to 1000, not '" + v + "'");
        }
        return limit;
    }

    /** The option the undo command needs: none for the caller's own namespace. */
    private static String namespaceOption(Options o) {
        return o.namespace().filter(ns -> !ns.equals(TERMINAL)).map(ns -> " --namespace " + ns.value()).orElse("");
    }
}
