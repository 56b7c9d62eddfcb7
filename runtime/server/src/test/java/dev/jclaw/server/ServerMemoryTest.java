package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.wiring.Wiring;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory inside {@code jclaw serve}: opened by its first use rather than at start-up, recalled in turns, closed at
 * shutdown; off when configured off; and when it cannot be opened, turns go on without it while the log (once) and
 * {@code /health/ready} say why.
 */
class ServerMemoryTest {
    @TempDir
    Path home;
    FakeModelServer model;
    JClawServer server;
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger memoryLog = Logger.getLogger(AgentMemory.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        memoryLog.addHandler(handler);
    }

    @AfterEach
    void tearDown() {
        memoryLog.removeHandler(handler);
        if (server != null) {
            server.close();
        }
        model.close();
    }

    void start(Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1",
                "JCLAW_SANDBOX_ENABLED", "false", "JCLAW_MEMORY_EMBEDDING", "none"));
        env.putAll(more);
        server = TestServers.start(TestServers.config(home, home.resolve("plugins"), env)).server();
    }

    AgentEvent send(String text) throws Exception {
        model.enqueue(Reply.text("ok"));
        Conversation c = server.runtime().conversation("test:alice", new AgentRuntime.Options("", null, null));
        return c.send(text, e -> { }, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
    }

    JsonObject memoryHealth() throws Exception {
        return Json.parseObject(get(server.url() + "/health/ready", null).body()).optObject("memory").orElseThrow();
    }

    HttpResponse<String> api(String path) throws Exception {
        String local = RuntimeFile.read(home.resolve("data")).orElseThrow().token();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + local).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void is_opened_by_the_first_turn_not_at_start_up_and_closed_at_shutdown() throws Exception {
        start(Map.of());
        Path store = home.resolve("data/memory/jclaw.mv.db");
        assertThat(store).doesNotExist();
        assertThat(memoryHealth().string("status")).isEqualTo("not opened");

        assertThat(send("the wiki is wiki.example.internal")).isInstanceOf(AgentEvent.Done.class);
        assertThat(store).exists();
        assertThat(memoryHealth().string("status")).isEqualTo("open");
        assertThat(model.requests().getLast().toolNames()).contains("memorize", "forget", "update_working_memory");

        server.close();
        // closed: this process can open it again, as jclaw memory does after the server stopped
        try (AgentMemory memory = Wiring.memory(server.config()).orElseThrow()) {
            memory.service().memorize(new Namespace("test:alice"), MemoryLayer.FACT, "url",
                    "the wiki is wiki.example.internal", "");
        }
        server = null;
        start(Map.of());
        assertThat(send("where is the wiki?")).isInstanceOf(AgentEvent.Done.class);
        assertThat(Json.write(model.requests().getLast().body())).contains("wiki.example.internal");
    }

    @Test
    void is_opened_in_the_background_once_jclaw_serve_is_ready() throws Exception {
        start(Map.of());
        assertThat(memoryHealth().string("status")).isEqualTo("not opened");
        server.openMemoryInBackground();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!memoryHealth().string("status").equals("open")) {
            assertThat(System.nanoTime()).as("memory open within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(home.resolve("data/memory/jclaw.mv.db")).exists();
        assertThat(send("hello")).isInstanceOf(AgentEvent.Done.class);
    }

    @Test
    void a_shutdown_during_the_background_opening_leaves_memory_closed() throws Exception {
        start(Map.of());
        server.openMemoryInBackground();
        server.close();
        JClawServer stopped = server;
        server = null;
        // whether the opening had begun or not, nothing holds the database or the index now
        try (AgentMemory memory = Wiring.memory(stopped.config()).orElseThrow()) {
            assertThat(memory.service().store().stats(new Namespace("test:alice")).facts()).isZero();
        }
    }

    @Test
    void that_cannot_be_opened_lets_turns_go_on_and_says_why_once() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/memory"), "a file where the memory directory belongs");
        start(Map.of());

        assertThat(send("hello")).isInstanceOf(AgentEvent.Done.class);
        assertThat(send("hello again")).isInstanceOf(AgentEvent.Done.class);
        assertThat(Json.write(model.requests().getLast().body())).contains("[memory] unavailable for this message")
                .as("where the files are is for the operator").doesNotContain("data/memory");

        JsonObject health = memoryHealth();
        assertThat(health.string("status")).isEqualTo("unavailable");
        assertThat(health.string("detail")).isNotBlank();
        HttpResponse<String> ready = get(server.url() + "/health/ready", null);
        assertThat(ready.statusCode()).as("the server stays ready without memory").isEqualTo(200);
        assertThat(Json.parseObject(ready.body()).optArray("warnings").orElseThrow().elements())
                .anySatisfy(w -> assertThat(Json.write(w)).contains("memory is unavailable"));

        HttpResponse<String> refused = api("/api/memory");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Json.parseObject(refused.body()).string("error")).startsWith("memory is unavailable: ");
        assertThat(logged).filteredOn(r -> r.getLevel().equals(Level.WARNING))
                .extracting(LogRecord::getMessage).singleElement().asString()
                .startsWith("memory is unavailable, turns go on without it: ");
    }

    @Test
    void that_is_configured_off_stays_off() throws Exception {
        start(Map.of("JCLAW_MEMORY_ENABLED", "false"));
        assertThat(send("hello")).isInstanceOf(AgentEvent.Done.class);
        assertThat(model.requests().getLast().toolNames()).doesNotContain("memorize");
        assertThat(memoryHealth().string("status")).isEqualTo("off");
        HttpResponse<String> refused = api("/api/memory/stats");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Json.parseObject(refused.body()).string("error")).contains("memory.enabled is false");
        assertThat(home.resolve("data/memory")).doesNotExist();
    }
}
