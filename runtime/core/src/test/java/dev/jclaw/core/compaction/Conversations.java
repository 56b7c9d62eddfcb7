package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import java.util.Arrays;
import java.util.List;

/** Builders for test histories. */
final class Conversations {
    private Conversations() {
    }

    static Entry.User user(String text) {
        return new Entry.User(text);
    }

    static Entry.Assistant answer(String text) {
        return new Entry.Assistant(text, "", List.of(), false);
    }

    static Entry.Assistant calls(String... ids) {
        return new Entry.Assistant("", "", Arrays.stream(ids).map(id -> new ToolCall(id, "read", "{}")).toList(),
                false);
    }

    static Entry.ToolOutput result(String callId, String content) {
        return new Entry.ToolOutput(callId, "read", content, false);
    }

    /** A text of the given number of words. */
    static String words(int n, String word) {
        return (word + " ").repeat(n).strip();
    }
}
