package dev.jclaw.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.testkit.model.ContentParts;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import dev.jclaw.testkit.model.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images in a user's message, end to end: the conversation, the loop, the H2 store, the openai-java adapter and the
 * fake model server on a socket — and the same images in the history after the server restarts.
 */
class AgentImagesTest {
    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    JClawConfig config;
    SessionStore sessions;
    AgentRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString(),
                "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        open();
    }

    void open() throws Exception {
        sessions = TestAgents.sessions(config);
        runtime = TestAgents.runtime(config, host, sessions);
    }

    void restart() throws Exception {
        runtime.close();
        sessions.close();
        open();
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        sessions.close();
        host.close();
        model.close();
    }

    AgentEvent send(String text, List<ImageInput> images) throws Exception {
        Conversation c = runtime.conversation("web:alice:chat-1", new AgentRuntime.Options("", null,
                ApprovalPolicy.NEVER));
        return c.send(text, images, e -> { }, Approver.DENY_ALL, Approvals.TERMINAL).end().get(30, TimeUnit.SECONDS);
    }

    static JsonObject lastUser(FakeModelServer.Recorded request) {
        List<JsonObject> users = request.messages().stream().filter(m -> m.string("role").equals("user")).toList();
        return users.getLast();
    }

    @Test
    void reach_the_model_are_kept_and_reach_it_again_after_a_restart() throws Exception {
        ImageInput photo = TestImages.sized("image/jpeg", 300_000, 4);
        ImageInput link = ImageInput.url("https://example.com/chart.png");
        model.enqueue(Reply.text("a cat and a chart"));
        assertThat(send("what are these?", List.of(photo, link))).isInstanceOf(AgentEvent.Done.class);

        JsonObject sent = lastUser(model.requests().getFirst());
        assertThat(ContentParts.text(sent)).isEqualTo("what are these?");
        assertThat(ContentParts.imageUrls(sent)).containsExactly(photo.toUrl(), link.url());
        SessionId id = sessions.current(new SessionKey("web:alice:chat-1")).id();
        assertThat(sessions.path(id).getFirst().body()).isEqualTo(new Entry.User("what are these?",
                List.of(photo, link)));

        restart();
        model.enqueue(Reply.text("still a cat"));
        assertThat(send("and now?", List.of())).isInstanceOf(AgentEvent.Done.class);
        List<JsonObject> history = model.requests().get(1).messages().stream()
                .filter(m -> m.string("role").equals("user")).toList();
        assertThat(ContentParts.imageUrls(history.getFirst())).containsExactly(photo.toUrl(), link.url());
        assertThat(history.getLast().optString("content")).contains("and now?");
        model.assertNoProblems();
    }

    @Test
    void are_refused_before_the_turn_when_there_are_too_many() {
        List<ImageInput> many = new ArrayList<>(Collections.nCopies(ImageInput.MAX_PER_MESSAGE + 1,
                TestImages.pixel()));
        assertThatThrownBy(() -> send("look", many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + ImageInput.MAX_PER_MESSAGE + " images");
        assertThat(model.requests()).isEmpty();
    }
}
