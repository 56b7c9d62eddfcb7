package dev.jclaw.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.config.ModelsConfig.ContextNote;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.testkit.model.CacheLedger;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.PrefixCaching;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The context note's placement, per provider, against a fake that refuses a system message that is not first (as
 * vLLM's chat templates do), over a real socket through the model client.
 */
class ContextNotePlacementTest {
    static final String NOTE = "<turn_context>\nnow: Monday 09:00\n</turn_context>";
    static final String SYSTEM_PROMPT = "You are a test. " + "Keep the frozen prefix long enough to cache. ".repeat(150);

    FakeModelServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeModelServer.start().systemMessageFirstOnly();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiModel model(ContextNote placement) {
        return model(server, placement);
    }

    OpenAiModel model(FakeModelServer lenient) {
        return model(lenient, ContextNote.SYSTEM);
    }

    static OpenAiModel model(FakeModelServer server, ContextNote placement) {
        ModelsConfig.Provider provider = new ModelsConfig.Provider("fake", server.baseUrl(), FakeProvider.KEY,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Map.of(FakeProvider.MODEL,
                new ModelsConfig.Model(FakeProvider.MODEL, 200_000, 0, Set.of(ModelsConfig.Input.TEXT))), placement);
        return new OpenAiModel(new ModelsConfig(FakeProvider.MODEL, Map.of("fake", provider)));
    }

    static ModelRequest request(List<ChatMessage> messages) {
        return new ModelRequest(FakeProvider.MODEL, SYSTEM_PROMPT, messages, List.of(), 0, "session-42");
    }

    static List<String> roles(FakeModelServer.Recorded sent) {
        return sent.messages().stream().map(m -> m.string("role")).toList();
    }

    @Test
    void a_trailing_system_note_is_refused_by_such_a_server() {
        try (OpenAiModel model = model(ContextNote.SYSTEM)) {
            ModelException e = catchThrowableOfType(ModelException.class, () -> FakeProvider.onVirtualThread(model,
                    request(List.of(new ChatMessage.User("hello"), new ChatMessage.SystemNote(NOTE))),
                    new FakeProvider.Recording()));
            assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
            assertThat(e.getMessage()).contains("HTTP 400").contains("System message must be at the beginning");
        }
    }

    @Test
    void the_user_placement_appends_the_note_to_the_newest_user_message() throws Exception {
        try (OpenAiModel model = model(ContextNote.USER)) {
            FakeProvider.onVirtualThread(model, request(List.of(new ChatMessage.User("hello"),
                    new ChatMessage.SystemNote(NOTE))), new FakeProvider.Recording());
        }
        FakeModelServer.Recorded sent = server.requests().getFirst();
        assertThat(roles(sent)).containsExactly("system", "user");
        assertThat(sent.messages().getLast().string("content")).isEqualTo("hello\n\n" + NOTE);
        server.assertNoProblems();
    }

    @Test
    void after_tool_results_the_note_stays_in_the_turns_user_message_and_each_step_repeats_the_last() throws Exception {
        server.prefixCaching(PrefixCaching.openAi());
        ToolCall call = new ToolCall("c1", "read", "{\"path\":\"a.md\"}");
        List<ChatMessage> earlier = List.of(new ChatMessage.User("first question"),
                new ChatMessage.Assistant("first answer", List.of()));
        List<ChatMessage> step1 = concat(earlier, List.of(new ChatMessage.User("read a.md"),
                new ChatMessage.SystemNote(NOTE)));
        List<ChatMessage> step2 = concat(earlier, List.of(new ChatMessage.User("read a.md"),
                new ChatMessage.Assistant("", List.of(call)), new ChatMessage.ToolResult("c1", "read", "contents"),
                new ChatMessage.SystemNote(NOTE)));
        try (OpenAiModel model = model(ContextNote.USER)) {
            FakeProvider.onVirtualThread(model, request(step1), new FakeProvider.Recording());
            FakeProvider.onVirtualThread(model, request(step2), new FakeProvider.Recording());
        }
        FakeModelServer.Recorded second = server.requests().get(1);
        assertThat(roles(second)).containsExactly("system", "user", "assistant", "user", "assistant", "tool");
        assertThat(second.messages().get(3).string("content")).isEqualTo("read a.md\n\n" + NOTE);
        assertThat(second.messages().get(1).string("content")).as("earlier turns keep their bytes")
                .isEqualTo("first question");
        List<CacheLedger.Entry> ledger = server.cacheLedger().entries();
        // the second step's prompt starts with the whole first one: all of it up to the last block is cached
        assertThat(ledger.get(1).sharedTokens()).isEqualTo(ledger.get(0).promptTokens());
        assertThat(ledger.get(1).cachedTokens()).isGreaterThan(ledger.get(0).promptTokens() - 128);
        server.assertNoProblems();
    }

    /**
     * Five turns of two steps each (a tool call, then the answer), the note re-rendered every turn, as the loop
     * sends them: what a prefix cache serves with each placement.
     */
    static CacheLedger conversation(FakeModelServer server, OpenAiModel model)
            throws Exception {
        server.prefixCaching(PrefixCaching.openAi());
        List<ChatMessage> history = new java.util.ArrayList<>();
        for (int turn = 0; turn < 5; turn++) {
            ChatMessage note = new ChatMessage.SystemNote("<turn_context>\nnow: turn " + turn + "\n</turn_context>");
            history.add(new ChatMessage.User("question " + turn + ": " + "what is in the file? ".repeat(20)));
            FakeProvider.onVirtualThread(model, request(concat(history, List.of(note))), new FakeProvider.Recording());
            history.add(new ChatMessage.Assistant("", List.of(new ToolCall("c" + turn, "read", "{}"))));
            history.add(new ChatMessage.ToolResult("c" + turn, "read", "file contents ".repeat(100)));
            FakeProvider.onVirtualThread(model, request(concat(history, List.of(note))), new FakeProvider.Recording());
            history.add(new ChatMessage.Assistant("answer " + turn, List.of()));
        }
        return server.cacheLedger();
    }

    @Test
    void the_user_placement_keeps_the_frozen_prefix_cached_and_costs_little() throws Exception {
        CacheLedger user;
        try (OpenAiModel model = model(ContextNote.USER)) {
            user = conversation(server, model);
        }
        CacheLedger system;
        try (FakeModelServer lenient = FakeModelServer.start(); OpenAiModel model = model(lenient)) {
            system = conversation(lenient, model);
        }
        // every request after the first reuses at least the system prompt
        assertThat(user.entries().subList(1, user.entries().size()))
                .allSatisfy(e -> assertThat(e.cachedTokens()).isGreaterThanOrEqualTo(1024));
        assertThat(user.entries()).hasSize(10);
        assertThat(user.hitRatio()).isGreaterThan(system.hitRatio() - 0.10);
        System.out.printf("prefix cache hit ratio over 5 turns x 2 steps: system %.3f, user %.3f%n",
                system.hitRatio(), user.hitRatio());
        server.assertNoProblems();
    }

    @Test
    void notes_before_any_user_message_open_the_first_one_and_the_system_placement_changes_nothing() {
        List<ChatMessage> messages = List.of(new ChatMessage.SystemNote("a"), new ChatMessage.User("hi"));
        assertThat(NotePlacement.place(messages, ContextNote.USER)).containsExactly(new ChatMessage.User("hi\n\na"));
        assertThat(NotePlacement.place(List.of(new ChatMessage.SystemNote("a")), ContextNote.USER))
                .containsExactly(new ChatMessage.User("a"));
        assertThat(NotePlacement.place(messages, ContextNote.SYSTEM)).isSameAs(messages);
    }

    static List<ChatMessage> concat(List<ChatMessage> a, List<ChatMessage> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
