package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /export markdown|json [inline]}: the current conversation as Markdown for people or JSON for programs,
 * written to {@code exports/} in the workspace (atomically: a file is whole or absent), or replied inline, cut to
 * {@value #INLINE_BYTES} bytes.
 */
final class SessionExport {
    static final int INLINE_BYTES = 8_192;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private final Clock clock;

    SessionExport(Clock clock) {
        this.clock = clock;
    }

    CommandResult run(CommandTarget c, String args) {
        List<String> words = args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
        if (words.isEmpty() || words.size() > 2 || (words.size() == 2 && !words.get(1).equals("inline"))) {
            return usage();
        }
        boolean json;
        switch (words.getFirst()) {
            case "markdown", "md" -> json = false;
            case "json" -> json = true;
            default -> {
                return usage();
            }
        }
        SessionHeader header = c.header();
        List<Entry> entries = c.entries(header.id());
        String text = json ? Json.write(json(header, entries)) + "\n" : markdown(header, entries);
        if (words.size() == 2) {
            return new CommandResult.Reply(cut(text));
        }
        try {
            Path file = write(c.workspace(), "session-" + Formats.shortId(header) + "-" + STAMP.format(clock.instant())
                    + (json ? ".json" : ".md"), text);
            return new CommandResult.Reply("exported " + Formats.count(entries.size(), "entry", "entries") + " to "
                    + c.workspace().relativize(file));
        } catch (IOException e) {
            return new CommandResult.Failed("could not write the export: " + e.getMessage());
        }
    }

    private static CommandResult usage() {
        return new CommandResult.Failed("usage: /export markdown|json [inline]");
    }

    /** Writes inside {@code workspace/exports}, refusing a directory that is a link or leads out of the workspace. */
    static Path write(Path workspace, String name, String text) throws IOException {
        Path dir = workspace.resolve("exports");
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("exports/ in the workspace is a symbolic link; remove it or make it a directory");
        }
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(workspace.toRealPath()) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("exports/ leads out of the workspace");
        }
        Path target = dir.resolve(name);
        Path partial = Files.createTempFile(dir, ".export-", ".part");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= INLINE_BYTES) {
            return text;
        }
        int end = INLINE_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not split a character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "\n[… cut at " + INLINE_BYTES
                + " bytes; /export without inline writes it all to a file]";
    }

    static String markdown(SessionHeader header, List<Entry> entries) {
        StringBuilder out = new StringBuilder("# Conversation `").append(header.id().value()).append("`\n\n")
                .append("- Session key: ").append(header.key().value()).append('\n')
                .append("- Started: ").append(Formats.time(header.created())).append('\n');
        header.title().ifPresent(t -> out.append("- Title: ").append(t).append('\n'));
        header.model().ifPresent(m -> out.append("- Model: ").append(m).append('\n'));
        for (Entry e : entries) {
            String at = " — `" + e.id().value() + "` (" + Formats.time(e.at()) + ")\n\n";
            switch (e.body()) {
                case Entry.User u -> {
                    out.append("\n## USER").append(at).append(u.text()).append('\n');
                    u.images().forEach(i -> out.append("\n[image: ").append(i.isInline()
                            ? i.mediaType() + ", " + i.size() + " bytes" : i.url()).append("]\n"));
                }
                case Entry.Assistant a -> {
                    out.append("\n## ASSISTANT").append(a.partial() ? " (interrupted)" : "").append(at)
                            .append(a.text()).append('\n');
                    for (ToolCall call : a.toolCalls()) {
                        out.append("\n- tool call `").append(call.name()).append("` `").append(call.id())
                                .append("`:\n\n    ").append(call.arguments().replace("\n", "\n    ")).append('\n');
                    }
                }
                case Entry.ToolOutput t -> out.append("\n## TOOL ").append(t.tool()).append(t.error() ? " (error)" : "")
                        .append(at).append("    ").append(t.content().replace("\n", "\n    ")).append('\n');
                case Entry.CompactionSummary s -> out.append("\n## COMPACTION").append(at).append("First kept entry: `")
                        .append(s.firstKept().value()).append("`\n\n").append(s.summary()).append('\n');
                case Entry.Note n -> out.append("\n## NOTE").append(at).append(n.text()).append('\n');
                case Entry.TurnUsage u -> out.append("\n## USAGE").append(at).append(u.usage().inputTokens())
                        .append(" input tokens (").append(u.usage().cachedTokens()).append(" cached), ")
                        .append(u.usage().outputTokens()).append(" output (").append(u.usage().reasoningTokens())
                        .append(" reasoning), ").append(u.steps()).append(u.steps() == 1 ? " request" : " requests")
                        .append(u.model().isEmpty() ? "" : ", " + u.model()).append('\n');
            }
        }
        return out.toString();
    }

    static JsonObject json(SessionHeader header, List<Entry> entries) {
        List<JsonValue> rows = new ArrayList<>();
        for (Entry e : entries) {
            JsonObject.Builder row = JsonObject.builder().put("id", e.id().value())
                    .put("parent", e.parent().map(p -> p.value()).orElse("")).put("at", e.at().toString());
            switch (e.body()) {
                case Entry.User u -> {
                    row.put("kind", "user").put("text", u.text());
                    if (!u.images().isEmpty()) {
                        // what each image was, not its bytes: an export stays readable and small
                        row.put("images", new JsonArray(u.images().stream().<JsonValue>map(i -> JsonObject.builder()
                                .put("media_type", i.mediaType()).put("url", i.url()).put("bytes", i.size())
                                .build()).toList()));
                    }
                }
                case Entry.Assistant a -> {
                    List<JsonValue> calls = new ArrayList<>();
                    for (ToolCall call : a.toolCalls()) {
                        calls.add(JsonObject.builder().put("id", call.id()).put("name", call.name())
                                .put("arguments", call.arguments()).build());
                    }
                    row.put("kind", "assistant").put("text", a.text()).put("reasoning", a.reasoning())
                            .put("partial", a.partial()).put("tool_calls", new JsonArray(calls));
                }
                case Entry.ToolOutput t -> row.put("kind", "tool").put("call_id", t.callId()).put("tool", t.tool())
                        .put("content", t.content()).put("error", t.error());
                case Entry.CompactionSummary s -> row.put("kind", "compaction").put("summary", s.summary())
                        .put("first_kept", s.firstKept().value());
                case Entry.Note n -> row.put("kind", "note").put("text", n.text());
                case Entry.TurnUsage u -> row.put("kind", "usage").put("input", u.usage().inputTokens())
                        .put("output", u.usage().outputTokens()).put("cached", u.usage().cachedTokens())
                        .put("reasoning", u.usage().reasoningTokens()).put("steps", u.steps()).put("model", u.model());
            }
            rows.add(row.build());
        }
        return JsonObject.builder().put("id", header.id().value()).put("session_key", header.key().value())
                .put("created", header.created().toString()).put("title", header.title().orElse(""))
                .put("model", header.model().orElse("")).put("entries", new JsonArray(rows)).build();
    }
}
