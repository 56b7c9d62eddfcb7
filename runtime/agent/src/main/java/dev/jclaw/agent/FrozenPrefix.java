package dev.jclaw.agent;

import dev.jclaw.core.context.FittedPrompt;
import dev.jclaw.core.context.PromptBudget;
import dev.jclaw.core.context.PromptSection;
import dev.jclaw.core.model.ToolDefinition;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The frozen prefix of a conversation: the system prompt, built from identity, tool index, workspace line, the
 * workspace's bootstrap files (such as {@code AGENTS.md}) and the skills index, and fitted to the prompt budget.
 *
 * <p>It is byte-identical from turn to turn unless one of its inputs changed: no clock, no counters, tools in name
 * order, bootstrap files re-read only when their size or modification time changes. That is what lets a provider
 * with prefix caching serve the whole prefix from its cache. The volatile parts of a turn go into the per-turn
 * context after the history instead.
 *
 * <p>Thread-safety: one conversation runs one turn at a time, and so asks for its prefix from one thread at a time;
 * the cache is still safe to read from several.
 */
final class FrozenPrefix {
    /** A bootstrap file larger than this is cut with a marker (the budget may cut it further). */
    static final int MAX_BOOTSTRAP_BYTES = 64 * 1024;

    private static final String IDENTITY = """
            You are JClaw, an AI agent that helps a team get work done. You can call tools to read, write and \
            search files and to run commands. Prefer doing over describing: when the user asks for something a \
            tool can do, use the tool. Keep answers short and concrete, and say what you changed.""";

    private final Path workspace;
    private final List<String> bootstrapFiles;
    private volatile Built last;
    private volatile String memoryIndex = "";

    /**
     * A prefix ready to send.
     *
     * @param text the system prompt
     * @param fitted its sections and tokens, for {@code /context}
     */
    record Prefix(String text, FittedPrompt fitted) {
    }

    /** What the last prefix was built from, to tell whether it can be reused. */
    private record Built(List<String> inputs, Prefix prefix) {
    }

    /**
     * Creates the prefix of a conversation.
     *
     * @param workspace the workspace directory (real path)
     * @param bootstrapFiles file names relative to the workspace, read in this order
     */
    FrozenPrefix(Path workspace, List<String> bootstrapFiles) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.bootstrapFiles = List.copyOf(bootstrapFiles);
    }

    /**
     * Returns the prefix for the next request.
     *
     * @param tools the tool definitions offered, in the order they are sent
     * @param budget the model's prompt budget
     * @return the prefix text and how it was fitted
     */
    Prefix build(List<ToolDefinition> tools, PromptBudget budget) {
        List<PromptSection> sections = sections(tools);
        List<String> inputs = new ArrayList<>(sections.size() + 1);
        sections.forEach(s -> inputs.add(s.name() + '\u0000' + s.text()));
        inputs.add(budget.toString());
        Built built = last;
        if (built != null && built.inputs().equals(inputs)) {
            return built.prefix();
        }
        FittedPrompt fitted = budget.fitFrozen(sections);
        Prefix prefix = new Prefix(fitted.text("\n\n"), fitted);
        last = new Built(inputs, prefix);
        return prefix;
    }

    /**
     * Sets the memory index section: the conversation's recent memories, set when a conversation starts (or is
     * resumed) and kept for all its turns, so that the prefix stays byte-identical from turn to turn.
     *
     * @param text the index lines, empty for none
     */
    void memoryIndex(String text) {
        memoryIndex = text.strip();
    }

    /** @return the sections, most important first (lower priority numbers are cut first) */
    List<PromptSection> sections(List<ToolDefinition> tools) {
        List<PromptSection> sections = new ArrayList<>();
        sections.add(new PromptSection("identity", IDENTITY, 100, false));
        sections.add(new PromptSection("workspace", "Work in the workspace directory " + workspace
                + "; tool paths are relative to it.", 90, false));
        if (!tools.isEmpty()) {
            StringBuilder index = new StringBuilder("Tools:");
            for (ToolDefinition tool : tools) {
                index.append("\n- ").append(tool.name()).append(": ").append(firstLine(tool.description()));
            }
            sections.add(new PromptSection("tools", index.toString(), 80, true));
        }
        String memories = memoryIndex;
        if (!memories.isEmpty()) {
            sections.add(new PromptSection("memory index", "<memory_index>\nWhat you remember (ids in brackets; "
                    + "forget takes them):\n" + memories + "\n</memory_index>", 30, true));
        }
        for (String name : bootstrapFiles) {
            String text = bootstrap(name);
            if (!text.isEmpty()) {
                sections.add(new PromptSection("bootstrap:" + name, "<" + name + ">\n" + text + "\n</" + name + ">",
                        40, true));
            }
        }
        return sections;
    }

    private String bootstrap(String name) {
        Path file = workspace.resolve(name).normalize();
        if (!file.startsWith(workspace)) {
            return "";
        }
        try {
            // a link could lead out of the workspace: only regular files inside it count
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return "";
            }
            return Cache.read(file, attributes);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** Bootstrap files re-read only when their size or modification time changes. */
    private static final class Cache {
        private record Entry(long size, long modified, String text) {
        }

        private static final java.util.Map<Path, Entry> FILES = new java.util.concurrent.ConcurrentHashMap<>();

        static String read(Path file, BasicFileAttributes attributes) throws IOException {
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Entry cached = FILES.get(file);
            if (cached != null && cached.size() == size && cached.modified() == modified) {
                return cached.text();
            }
            byte[] bytes;
            boolean cut;
            try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BOOTSTRAP_BYTES + 1);
                cut = bytes.length > MAX_BOOTSTRAP_BYTES;
            }
            String text = decode(bytes, cut ? MAX_BOOTSTRAP_BYTES : bytes.length).strip();
            if (cut) {
                text += "\n[… the rest of " + file.getFileName() + " is cut: it is larger than "
                        + MAX_BOOTSTRAP_BYTES / 1024 + " KiB]";
            }
            if (FILES.size() > 10_000) {
                FILES.clear();
            }
            FILES.put(file, new Entry(size, modified, text));
            return text;
        }

        /** UTF-8; malformed bytes (a binary file, a cut character) become replacement characters. */
        private static String decode(byte[] bytes, int length) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(bytes, 0, length)).toString().replace("\u0000", "");
            } catch (CharacterCodingException e) {
                return "";
            }
        }
    }
}
