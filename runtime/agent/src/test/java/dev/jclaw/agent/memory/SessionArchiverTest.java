package dev.jclaw.agent.memory;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.model.openai.OpenAiModel;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives of conversations set aside, through the real memory database and a fake model on a socket. */
class SessionArchiverTest {
    static final SessionKey KEY = new SessionKey("cli:alice");

    @TempDir
    Path home;
    FakeModelServer model;
    AgentMemory memory;
    TaskManager tasks;
    OpenAiModel port;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                home.toString(), "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1",
                "JCLAW_MEMORY_EMBEDDING", "none")).build().load();
        memory = TestAgents.memory(config);
        tasks = TaskManager.builder().build();
        port = new OpenAiModel(config.models());
    }

    @AfterEach
    void tearDown() {
        tasks.close();
        memory.close();
        model.close();
    }

    static List<Entry> conversation(String... userAndAgent) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < userAndAgent.length; i++) {
            Entry.Body body = i % 2 == 0 ? new Entry.User(userAndAgent[i])
                    : new Entry.Assistant(userAndAgent[i], "", List.of(), false);
            entries.add(new Entry(EntryId.random(), Optional.empty(), Instant.now(), body));
        }
        return entries;
    }

    SessionHeader header() {
        return SessionHeader.started(SessionId.random(), KEY, Instant.now());
    }

    List<MemoryEntry> archivesSoon() throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<MemoryEntry> found = memory.service().store().list(new Namespace(KEY.value()),
                    Set.of(MemoryLayer.ARCHIVE), false, 10);
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(20);
        }
        return List.of();
    }

    @Test
    void the_model_writes_the_summary_when_one_is_configured() throws Exception {
        model.enqueue(Reply.text("Alice moved the billing cron to 02:00 UTC; the alert threshold is still open."));
        SessionArchiver archiver = new SessionArchiver(memory, tasks, port, h -> "fake-1");
        SessionHeader old = header();
        assertThat(archiver.archiveLater(old, conversation("move the billing cron to 2am UTC", "done",
                "and the alert threshold?", "still open"))).isTrue();
        List<MemoryEntry> archives = archivesSoon();
        assertThat(archives).singleElement().satisfies(a -> {
            assertThat(a.content()).startsWith("Alice moved the billing cron");
            assertThat(a.sourceSession()).isEqualTo(old.id().value());
            assertThat(a.type()).isEqualTo("session");
        });
        assertThat(model.requests().getFirst().messages().getLast().string("content"))
                .contains("user: move the billing cron").contains("assistant: still open");
        assertThat(tasks.list(dev.jclaw.core.task.TaskOwner.of(KEY))).extracting(t -> t.name())
                .contains("archive:" + old.id().value());
    }

    @Test
    void without_a_model_or_when_it_fails_the_summary_is_a_head_and_tail_digest() throws Exception {
        new SessionArchiver(memory, tasks, port, h -> "").archiveLater(header(), conversation("first question",
                "an answer", "second question " + "x".repeat(2_000), "the end"));
        MemoryEntry digest = archivesSoon().getFirst();
        assertThat(digest.content()).startsWith("user: first question\nassistant: an answer").contains("\n…\n")
                .endsWith("assistant: the end");
        assertThat(digest.content().length()).isLessThan(1_100);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void a_failing_model_falls_back_to_the_digest() throws Exception {
        model.enqueue(Reply.error(500, "{\"error\":{\"message\":\"boom\"}}"));
        new SessionArchiver(memory, tasks, port, h -> "fake-1").archiveLater(header(),
                conversation("q1", "a1", "q2", "a2"));
        assertThat(archivesSoon()).singleElement().extracting(MemoryEntry::content)
                .isEqualTo("user: q1\nassistant: a1\nuser: q2\nassistant: a2");
    }

    @Test
    void a_conversation_with_one_user_message_is_not_archived() {
        assertThat(new SessionArchiver(memory, tasks, port, h -> "").archiveLater(header(),
                conversation("just hello", "hi"))).isFalse();
    }
}
