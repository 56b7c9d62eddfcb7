package dev.jclaw.server.cli;

import dev.jclaw.server.wiring.Wiring;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.memory.MergeNotes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jclaw memory add|search|list|stats|forget|split|reindex}: memory from the terminal, on the embedded default,
 * with {@code --namespace NS} (default: the user's CLI session key) and {@code --json}.
 */
final class MemoryCommand {
    static final String USAGE = "expected 'memory add|search|list|stats|forget|split|reindex' [--namespace NS]"
            + " [--json] ...; see jclaw help";
    private final JClawConfig config;
    private final PrintStream out;
    private final PrintStream err;

    MemoryCommand(JClawConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    private record Options(Namespace namespace, boolean json, int limit, Set<MemoryLayer> layers, boolean all,
                           String type, List<String> words, String defaultNamespace) {
    }

    int run(List<String> args, String defaultNamespace) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException(USAGE);
        }
        Options o = parse(args.subList(1, args.size()), defaultNamespace);
        AgentMemory memory;
        try {
            memory = Wiring.memory(config).orElseThrow(() -> new UsageException("memory is off:"
                    + " memory.enabled is false"));
        } catch (MemoryException e) {
            // jclaw memory runs in this process only: name the server that holds the database, if one does
            err.println("jclaw: " + dev.jclaw.server.admin.RuntimeFile.read(config.dataDir())
                    .filter(server -> e.getMessage().contains("in use"))
                    .map(server -> "the JClaw server running on this home (pid " + server.pid() + ", " + server.url()
                            + ") holds the memory database; 'jclaw memory' works while no server runs, so stop it"
                            + " first")
                    .orElse(e.getMessage()));
            return 1;
        }
        try (memory) {
            MemoryService service = memory.service();
            if (!args.getFirst().equals("reindex")) {
                service.ensureIndex(n -> progress(n, false));
            }
            return switch (args.getFirst()) {
                case "add" -> add(service, o);
                case "search" -> search(service, o);
                case "list" -> list(service, o);
                case "stats" -> stats(service, o);
                case "forget" -> forget(service, o);
                case "split" -> split(service, o);
                case "reindex" -> {
                    long n = service.reindex(done -> progress(done, true));
                    err.println("\rreindexed " + n + " entries (embeddings: " + service.embeddingModel() + ")");
                    yield 0;
                }
                default -> throw new UsageException("unknown memory command '" + args.getFirst() + "'; " + USAGE);
            };
        } catch (IllegalArgumentException e) {
            err.println("jclaw: " + e.getMessage());
            return 1;
        }
    }

    private void progress(long done, boolean always) {
        if (always || done % 1_000 == 0) {
            err.print("\rindexing memory: " + done + " entries");
            err.flush();
        }
    }

    private static Options parse(List<String> args, String defaultNamespace) throws UsageException {
        String ns = defaultNamespace;
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
                        case "--namespace" -> ns = v;
                        case "--type" -> type = v;
                        case "--layer" -> layers.add(MemoryLayer.parse(v).orElseThrow(() ->
                                new UsageException("--layer takes L2, L3 or L4, not '" + v + "'")));
                        default -> {
                            try {
                                limit = Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                limit = -1;
                            }
                            if (limit < 1 || limit > 1_000) {
                                throw new UsageException("--limit takes a number from 1 to 1000, not '" + v + "'");
                            }
                        }
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
        Namespace namespace;
        try {
            namespace = new Namespace(ns);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--namespace: " + e.getMessage());
        }
        return new Options(namespace, json, limit, layers, all, type, words, defaultNamespace);
    }

    private int add(MemoryService service, Options o) throws InterruptedException, UsageException {
        if (o.words().isEmpty()) {
            throw new UsageException("memory add needs the text, e.g. jclaw memory add \"the VPN is vpn-2\"");
        }
        MemoryLayer layer = o.layers().isEmpty() ? MemoryLayer.FACT : o.layers().iterator().next();
        MemoryService.Memorized done = service.memorize(o.namespace(), layer, o.type(), String.join(" ", o.words()),
                "");
        switch (done) {
            case MemoryService.Memorized.Stored s -> print(o, List.of(s.entry()), List.of(), "added " + tag(s.entry()));
            case MemoryService.Memorized.AlreadyKnown k -> print(o, List.of(k.entry()), List.of(),
                    MergeNotes.alreadyKnown(k.entry()));
            case MemoryService.Memorized.Merged m -> print(o, List.of(m.entry(), m.absorbed()), List.of(),
                    MergeNotes.merged(m, "jclaw memory split" + namespaceOption(o)));
        }
        return 0;
    }

    private int split(MemoryService service, Options o) throws UsageException {
        if (o.words().size() != 1) {
            throw new UsageException("memory split needs the id of a merged memory, e.g. jclaw memory split cd34ef56;"
                    + " jclaw memory list --all shows them");
        }
        return switch (service.split(o.namespace(), o.words().getFirst())) {
            case MemoryService.Splitting.Split s -> {
                print(o, s.restored(), List.of(), MergeNotes.split(s));
                yield 0;
            }
            case MemoryService.Splitting.Refused r -> {
                err.println("jclaw: " + r.message());
                yield 1;
            }
        };
    }

    private static String namespaceOption(Options o) {
        return o.namespace().value().equals(o.defaultNamespace()) ? "" : " --namespace " + o.namespace().value();
    }

    private int search(MemoryService service, Options o) throws InterruptedException, UsageException {
        if (o.words().isEmpty()) {
            throw new UsageException("memory search needs words");
        }
        List<Recalled> found = service.search(o.namespace(), String.join(" ", o.words()), o.layers(), o.limit());
        print(o, found.stream().map(Recalled::entry).toList(), found, found.isEmpty() ? "nothing found" : "");
        return 0;
    }

    private int list(MemoryService service, Options o) {
        List<MemoryEntry> entries = service.store().list(o.namespace(), o.layers(), o.all(), o.limit());
        print(o, entries, List.of(), entries.isEmpty() ? "nothing remembered in " + o.namespace() : "");
        return 0;
    }

    private int stats(MemoryService service, Options o) {
        MemoryStats s = service.store().stats(o.namespace());
        if (o.json()) {
            out.println(Json.write(JsonObject.builder().put("namespace", o.namespace().value())
                    .put("facts", s.facts()).put("procedures", s.procedures()).put("archives", s.archives())
                    .put("forgotten", s.forgotten()).put("merged", s.merged())
                    .put("embedding", service.embeddingModel()).build()));
        } else {
            out.println(o.namespace() + ": " + s.facts() + " facts, " + s.procedures() + " procedures, "
                    + s.archives() + " archives, " + s.forgotten() + " forgotten, " + s.merged()
                    + " merged; embeddings "
                    + service.embeddingModel());
        }
        return 0;
    }

    private int forget(MemoryService service, Options o) throws UsageException {
        if (o.words().size() < 2) {
            throw new UsageException("memory forget needs an id and a reason, e.g. jclaw memory forget ab12cd34"
                    + " \"moved to vpn-3\"");
        }
        return switch (service.forget(o.namespace(), o.words().getFirst(),
                String.join(" ", o.words().subList(1, o.words().size())))) {
            case MemoryService.Forgetting.Forgotten f -> {
                print(o, List.of(f.entry()), List.of(), "forgot " + tag(f.entry()));
                yield 0;
            }
            case MemoryService.Forgetting.Refused r -> {
                err.println("jclaw: " + r.message());
                yield 1;
            }
        };
    }

    private void print(Options o, List<MemoryEntry> entries, List<Recalled> scored, String note) {
        if (o.json()) {
            for (int i = 0; i < entries.size(); i++) {
                MemoryEntry e = entries.get(i);
                JsonObject.Builder b = JsonObject.builder().put("id", e.id().value()).put("short_id",
                        e.id().shortForm()).put("layer", e.layer().code()).put("type", e.type())
                        .put("content", e.content()).put("status", e.status().name().toLowerCase(java.util.Locale.ROOT))
                        .put("use_count", e.useCount()).put("updated", e.updated().toString());
                e.mergedInto().ifPresent(into -> b.put("merged_into", into.value()));
                if (!scored.isEmpty()) {
                    b.put("score", new dev.jclaw.api.json.JsonNumber(java.math.BigDecimal.valueOf(scored.get(i).score())
                            .setScale(6, java.math.RoundingMode.HALF_UP)));
                }
                out.println(Json.write(b.build()));
            }
            return;
        }
        if (!note.isEmpty()) {
            err.println(note);
        }
        for (MemoryEntry e : entries) {
            String status = switch (e.status()) {
                case ACTIVE -> "";
                case ARCHIVED -> " (forgotten)";
                case MERGED -> " (merged into [" + e.layer().code() + " " + e.mergedInto().orElseThrow().shortForm()
                        + "])";
            };
            out.println(tag(e) + status + " " + e.content().replace('\n', ' '));
        }
    }

    private static String tag(MemoryEntry e) {
        return MergeNotes.tag(e);
    }
}
