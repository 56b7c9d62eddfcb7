package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.memory.MergeNotes;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code /memory list|search|stats|forget|merged|split}: what this conversation's namespace remembers. */
final class MemoryCommands {
    static final String USAGE = "usage: /memory list [facts|procedures|archives|all] | search WORDS | stats"
            + " | forget ID REASON | merged | split ID";
    private static final int LIST = 20;

    private MemoryCommands() {
    }

    static SlashCommand command(CommandServices services) {
        return new SlashCommand("memory", "list|search|stats|forget|merged|split", "what this user or team remembers",
                false,
                (c, args) -> run(services.memory(), c, args));
    }

    private static CommandResult run(AgentMemory memory, CommandTarget c, String args) {
        if (memory == null) {
            return new CommandResult.Failed("memory is off: memory.enabled is false, or it could not be opened");
        }
        String[] words = args.isEmpty() ? new String[] {"list"} : args.split("\\s+", 2);
        // the namespace recall uses: a gateway conversation's memory is its user's, whatever the channel
        Namespace ns = AgentMemory.namespace(c.key());
        MemoryService service;
        try {
            service = memory.service();
        } catch (MemoryException e) {
            return new CommandResult.Failed(e.getMessage());
        }
        String rest = words.length > 1 ? words[1].strip() : "";
        try {
            return switch (words[0]) {
                case "list" -> list(service, ns, rest);
                case "search" -> rest.isEmpty() ? new CommandResult.Failed("usage: /memory search WORDS")
                        : search(service, ns, rest);
                case "stats" -> rest.isEmpty() ? stats(service, ns) : new CommandResult.Failed(USAGE);
                case "forget" -> forget(service, ns, rest);
                case "merged" -> rest.isEmpty() ? merged(service, ns) : new CommandResult.Failed(USAGE);
                case "split" -> rest.isEmpty() ? new CommandResult.Failed("usage: /memory split ID, the id of a"
                        + " merged memory as /memory merged shows it") : split(service, ns, rest);
                default -> new CommandResult.Failed(USAGE);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult.Failed("/memory was interrupted");
        }
    }

    private static CommandResult list(MemoryService service, Namespace ns, String which) {
        Set<MemoryLayer> layers = switch (which) {
            case "", "all" -> EnumSet.allOf(MemoryLayer.class);
            default -> MemoryLayer.parse(which).map(EnumSet::of).orElse(null);
        };
        if (layers == null) {
            return new CommandResult.Failed(USAGE);
        }
        List<MemoryEntry> entries = service.store().list(ns, layers, false, LIST);
        if (entries.isEmpty()) {
            return new CommandResult.Reply("nothing remembered here yet");
        }
        StringBuilder out = new StringBuilder();
        entries.forEach(e -> out.append(line(e)).append('\n'));
        return new CommandResult.Reply(out.toString().stripTrailing());
    }

    private static CommandResult search(MemoryService service, Namespace ns, String words)
            throws InterruptedException {
        List<Recalled> found = service.search(ns, words, Set.of(), 10);
        if (found.isEmpty()) {
            return new CommandResult.Reply("nothing found for " + Formats.preview(words, 60));
        }
        StringBuilder out = new StringBuilder();
        found.forEach(r -> out.append(line(r.entry())).append('\n'));
        return new CommandResult.Reply(out.toString().stripTrailing());
    }

    private static CommandResult stats(MemoryService service, Namespace ns) {
        MemoryStats s = service.store().stats(ns);
        return new CommandResult.Reply("facts (L2): " + s.facts() + "\nprocedures (L3): " + s.procedures()
                + "\narchives (L4): " + s.archives() + "\nforgotten: " + s.forgotten() + "\nmerged: " + s.merged()
                + "\nembeddings: "
                + service.embeddingModel() + (service.vectorsComplete() ? ""
                : " (vectors being made in the background; searching by words meanwhile)"));
    }

    private static CommandResult forget(MemoryService service, Namespace ns, String rest) {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            return new CommandResult.Failed("usage: /memory forget ID REASON");
        }
        if (parts[1].length() > MemoryEntry.MAX_REASON) {
            return new CommandResult.Failed("the reason is at most " + MemoryEntry.MAX_REASON + " characters");
        }
        return switch (service.forget(ns, parts[0], parts[1])) {
            case MemoryService.Forgetting.Forgotten f -> new CommandResult.Reply("forgot " + line(f.entry()));
            case MemoryService.Forgetting.Refused r -> new CommandResult.Failed(r.message());
        };
    }

    private static CommandResult merged(MemoryService service, Namespace ns) {
        List<MemoryEntry> merged = service.store().list(ns, Set.of(), true, 10_000).stream()
                .filter(e -> e.status() == MemoryEntry.Status.MERGED).limit(LIST).toList();
        if (merged.isEmpty()) {
            return new CommandResult.Reply("nothing merged here");
        }
        StringBuilder out = new StringBuilder();
        merged.forEach(e -> out.append(MergeNotes.tag(e)).append(" merged into [").append(e.layer().code())
                .append(' ').append(e.mergedInto().orElseThrow().shortForm()).append("] ")
                .append(Formats.time(e.updated())).append(" · ").append(Formats.preview(e.content(), 120))
                .append('\n'));
        return new CommandResult.Reply(out.append("/memory split ID makes one a memory of its own again").toString());
    }

    private static CommandResult split(MemoryService service, Namespace ns, String id) {
        return switch (service.split(ns, id)) {
            case MemoryService.Splitting.Split s -> new CommandResult.Reply(MergeNotes.split(s));
            case MemoryService.Splitting.Refused r -> new CommandResult.Failed(r.message());
        };
    }

    private static String line(MemoryEntry e) {
        return "[" + e.layer().code() + " " + e.id().shortForm() + "] u=" + e.useCount() + " "
                + Formats.time(e.updated()) + " · " + Formats.preview(e.content(), 120);
    }
}
