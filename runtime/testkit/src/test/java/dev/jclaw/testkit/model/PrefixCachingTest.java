package dev.jclaw.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fake's own prefix caching, as a client on a real socket sees it in the usage chunk. */
class PrefixCachingTest {
    static final PromptTokenizer TOKENIZER = new PromptTokenizer();

    FakeModelServer server;

    /** The usage chunk a client got. */
    record Usage(long prompt, long completion, long total, long cached) {
    }

    @BeforeEach
    void start() throws IOException {
        server = FakeModelServer.start().prefixCaching(PrefixCaching.openAi());
    }

    @AfterEach
    void stop() {
        server.assertNoProblems();
        server.close();
    }

    static JsonObject message(String role, String content) {
        return JsonObject.builder().put("role", role).put("content", content).build();
    }

    static JsonObject request(String cacheKey, JsonObject... messages) {
        JsonObject.Builder body = JsonObject.builder().put("model", "gpt-test").put("stream", true)
                .put("messages", JsonArray.of(messages));
        return cacheKey.isEmpty() ? body.build() : body.put("prompt_cache_key", cacheKey).build();
    }

    /** A system prompt of one token per character, so that prefixes can be made exactly as long as wanted. */
    static JsonObject system(int tokens) {
        return message("system", "!".repeat(tokens));
    }

    /** The tokens two requests share, counted plainly: what the server's trie must agree with. */
    static int shared(JsonObject a, JsonObject b) {
        List<String> x = TOKENIZER.tokens(PromptText.of(a));
        List<String> y = TOKENIZER.tokens(PromptText.of(b));
        int n = 0;
        while (n < x.size() && n < y.size() && x.get(n).equals(y.get(n))) {
            n++;
        }
        return n;
    }

    /** Two requests, distinct in their last user message, sharing exactly {@code tokens} tokens of prefix. */
    static JsonObject[] sharing(int tokens, String cacheKeyA, String cacheKeyB) {
        int overhead = shared(request("", system(1), message("user", "alpha")),
                request("", system(1), message("user", "beta"))) - 1;
        JsonObject a = request(cacheKeyA, system(tokens - overhead), message("user", "alpha"));
        JsonObject b = request(cacheKeyB, system(tokens - overhead), message("user", "beta"));
        assertThat(shared(a, b)).as("the prefix the test means to share").isEqualTo(tokens);
        return new JsonObject[] {a, b};
    }

    Usage post(JsonObject body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(server.baseUrl() + "/chat/completions").toURL()
                .openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(Json.write(body).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(connection.getResponseCode()).isEqualTo(200);
            try (InputStream in = connection.getInputStream()) {
                return usage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }

    static Usage usage(String sse) {
        JsonObject u = FakeModelServerTest.events(sse).stream().filter(e -> !e.equals("[DONE]"))
                .map(e -> Json.parseObject(e).get("usage").orElseThrow())
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).findFirst().orElseThrow();
        return new Usage(u.optLong("prompt_tokens").orElseThrow(), u.optLong("completion_tokens").orElseThrow(),
                u.optLong("total_tokens").orElseThrow(),
                u.optObject("prompt_tokens_details").orElseThrow().optLong("cached_tokens").orElseThrow());
    }

    @Nested
    class Counting {
        @Test
        void caches_a_shared_prefix_of_2000_tokens_as_1920() throws Exception {
            JsonObject[] pair = sharing(2000, "", "");

            Usage first = post(pair[0]);
            Usage second = post(pair[1]);

            assertThat(first.prompt()).isEqualTo(TOKENIZER.count(PromptText.of(pair[0])));
            assertThat(first.cached()).isZero();
            assertThat(second.prompt()).isEqualTo(TOKENIZER.count(PromptText.of(pair[1])));
            assertThat(second.cached()).isEqualTo(1920);
            assertThat(server.cacheLedger().entries()).containsExactly(
                    new CacheLedger.Entry(first.prompt(), 0, 0, ""),
                    new CacheLedger.Entry(second.prompt(), 1920, 2000, ""));
        }

        @Test
        void caches_nothing_below_1024_shared_tokens() throws Exception {
            JsonObject small = request("", system(1000), message("user", "hi"));
            assertThat(TOKENIZER.count(PromptText.of(small))).isLessThan(1024);

            post(small);
            Usage again = post(small);

            assertThat(again.cached()).isZero();
            assertThat(server.cacheLedger().entries().getLast().sharedTokens()).isEqualTo(again.prompt());
            JsonObject[] pair = sharing(1023, "", "");
            post(pair[0]);
            assertThat(post(pair[1]).cached()).isZero();
            pair = sharing(1024, "", "");
            post(pair[0]);
            assertThat(post(pair[1]).cached()).isEqualTo(1024);
        }

        @Test
        void caches_all_of_a_conversation_up_to_its_new_turn() throws Exception {
            JsonObject turn1 = request("s", system(1500), message("user", "read a.md"));
            String call = """
                    {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                     "function": {"name": "read", "arguments": "{\\"path\\":\\"a.md\\"}"}}]}""";
            JsonObject turn2 = request("s", system(1500), message("user", "read a.md"), Json.parseObject(call),
                    JsonObject.builder().put("role", "tool").put("tool_call_id", "c1").put("content", "hello").build());

            Usage first = post(turn1);
            Usage second = post(turn2);

            assertThat(server.cacheLedger().entries().getLast().sharedTokens()).isEqualTo(first.prompt());
            assertThat(second.cached()).isEqualTo(first.prompt() / 128 * 128);
        }

        @Test
        void replaces_the_scripted_prompt_and_cached_tokens_but_keeps_the_completion() throws Exception {
            server.enqueue(Reply.text("x").usage(7, 3, 5));
            JsonObject body = request("", message("user", "hi"));

            Usage usage = post(body);

            assertThat(usage).isEqualTo(new Usage(TOKENIZER.count(PromptText.of(body)), 3,
                    TOKENIZER.count(PromptText.of(body)) + 3, 0));
        }
    }

    @Nested
    class Scoping {
        @Test
        void shares_only_within_the_same_prompt_cache_key() throws Exception {
            JsonObject[] s1 = sharing(2000, "s1", "s1");
            JsonObject[] s2 = sharing(2000, "s2", "s2");
            JsonObject[] none = sharing(2000, "", "");

            post(s1[0]);
            assertThat(post(s2[1]).cached()).as("another key").isZero();
            assertThat(post(none[1]).cached()).as("no key").isZero();
            assertThat(post(s1[1]).cached()).as("the same key").isEqualTo(1920);
            assertThat(server.cacheLedger().entries()).extracting(CacheLedger.Entry::cacheKey)
                    .containsExactly("s1", "s2", "", "s1");
        }

        @Test
        void shares_across_keys_when_told_not_to_scope() throws Exception {
            server.prefixCaching(new PrefixCaching(1024, 128, false));
            JsonObject[] pair = sharing(2000, "s1", "s2");
            post(pair[0]);
            assertThat(post(pair[1]).cached()).isEqualTo(1920);
        }
    }

    @Nested
    class Bookkeeping {
        @Test
        void is_off_unless_asked_for() throws Exception {
            server.close();
            server = FakeModelServer.start();
            server.enqueue(Reply.text("x").usage(7, 3, 5));
            assertThat(post(request("", message("user", "hi")))).isEqualTo(new Usage(7, 3, 10, 5));
            assertThat(server.cacheLedger().entries()).isEmpty();
        }

        @Test
        void neither_measures_nor_remembers_a_request_answered_with_an_error() throws Exception {
            JsonObject[] pair = sharing(2000, "", "");
            server.enqueue(Reply.rateLimited(Duration.ofSeconds(1)));
            HttpURLConnection refused = (HttpURLConnection) URI.create(server.baseUrl() + "/chat/completions")
                    .toURL().openConnection();
            refused.setRequestMethod("POST");
            refused.setDoOutput(true);
            refused.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = refused.getOutputStream()) {
                out.write(Json.write(pair[0]).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(refused.getResponseCode()).isEqualTo(429);
            try (InputStream in = refused.getErrorStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("rate_limit_exceeded");
            }
            refused.disconnect();

            assertThat(server.cacheLedger().entries()).isEmpty();
            assertThat(post(pair[1]).cached()).isZero();
        }

        @Test
        void counts_concurrent_requests_once_each_with_one_cold_start() throws Exception {
            server.recording(false);
            JsonObject[] pair = sharing(2000, "k", "k");
            List<Future<Usage>> usages = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 64; i++) {
                    JsonObject body = pair[i % 2];
                    usages.add(clients.submit(() -> post(body)));
                }
            }
            CacheLedger ledger = server.cacheLedger();
            assertThat(ledger.entries()).hasSize(64);
            assertThat(ledger.entries()).filteredOn(e -> e.cachedTokens() == 0).hasSize(1);
            assertThat(ledger.hitRatio()).isGreaterThan(0.9).isLessThan(1.0);
            long reported = 0;
            for (Future<Usage> u : usages) {
                reported += u.get().cached();
            }
            assertThat(reported).isEqualTo(ledger.cachedTokens());
        }

        @Test
        void refuses_malformed_rules() {
            assertThatThrownBy(() -> new PrefixCaching(-1, 128, true)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PrefixCaching(1024, 0, true)).hasMessageContaining("a block of 1 or more");
            assertThatThrownBy(() -> server.prefixCaching(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
