package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.server.TerminalHome.Ran;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One terminal conversation whichever way {@code jclaw run} and {@code jclaw chat} reach the agent: started
 * in-process, continued through a server on the same JClaw home and back; and the conversations earlier versions kept
 * at {@code cli:<name>} continued under the gateway's key, {@code user:admin/cli/<name>}, both ways.
 */
class CliAcrossModesTest {
    static FakeModelServer model;
    @TempDir
    Path dir;

    @BeforeAll
    static void startModel() throws Exception {
        model = FakeModelServer.start();
    }

    @AfterAll
    static void stopModel() {
        model.close();
    }

    @BeforeEach
    void noStrayRequests() {
        model.otherwise(body -> Reply.text("unexpected request"));
    }

    static List<String> said() {
        return model.requests().getLast().messages().stream().map(m -> m.optString("content").orElse(""))
                .toList();
    }

    static void ok(Ran ran, String answer) {
        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out()).contains(answer);
    }

    @Test
    void a_conversation_started_in_process_goes_on_through_the_server_and_back() throws Exception {
        try (TerminalHome home = new TerminalHome(dir.resolve("home"), model)) {
            model.enqueue(Reply.text("Blue, noted."));
            ok(home.jclaw("", false, "run", "my colour is blue"), "Blue, noted.");

            home.serve();
            model.enqueue(Reply.text("Blue."));
            ok(home.jclaw("", false, "run", "--continue", "what colour?"), "Blue.");
            assertThat(said()).contains("my colour is blue", "what colour?");
            model.enqueue(Reply.text("Still blue."));
            ok(home.jclaw("and now?\n/exit\n", false, "chat"), "Still blue.");
            assertThat(said()).containsSubsequence("my colour is blue", "what colour?", "and now?");

            home.stopServing();
            model.enqueue(Reply.text("Blue, always."));
            ok(home.jclaw("", false, "run", "-c", "and in-process?"), "Blue, always.");
            assertThat(said()).containsSubsequence("my colour is blue", "what colour?", "and now?",
                    "and in-process?");
            model.enqueue(Reply.text("Fresh."));
            ok(home.jclaw("", false, "run", "which colour?"), "Fresh.");
            assertThat(said()).doesNotContain("my colour is blue");
        }
        try (SessionStore store = JdbcSessionStore.h2(dir.resolve("home/data"))) {
            assertThat(store.listByKeyPrefix("", 100)).extracting(h -> h.key().value())
                    .allSatisfy(key -> assertThat(key).startsWith("user:admin/cli/"));
        }
    }

    /** Writes a conversation as an earlier version of the terminal kept it: at {@code cli:<name>}. */
    static SessionId legacy(TerminalHome home, String name) {
        try (SessionStore store = JdbcSessionStore.h2(home.path.resolve("data"))) {
            SessionId older = store.current(new SessionKey("cli:" + name)).id();
            store.append(older, new Entry.User("an older conversation"));
            SessionId id = store.rotate(new SessionKey("cli:" + name)).id();
            store.append(id, new Entry.User("my name is Ada"));
            store.append(id, new Entry.Assistant("Hello, Ada.", "", List.of(), false));
            return id;
        }
    }

    static void adopted(TerminalHome home, String name, SessionId id) {
        try (SessionStore store = JdbcSessionStore.h2(home.path.resolve("data"))) {
            assertThat(store.list(new SessionKey("cli:" + name))).isEmpty();
            assertThat(store.list(new SessionKey("user:admin/cli/" + name))).extracting(SessionHeader::id)
                    .hasSize(2).contains(id);
            assertThat(store.current(new SessionKey("user:admin/cli/" + name)).id()).isEqualTo(id);
        }
    }

    @Test
    void a_legacy_terminal_conversation_is_continued_in_process() throws Exception {
        try (TerminalHome home = new TerminalHome(dir.resolve("in-process"), model)) {
            SessionId id = legacy(home, "ada");
            model.enqueue(Reply.text("You are Ada."));
            ok(home.jclaw("", false, "run", "--session", "cli:ada", "who am I?"), "You are Ada.");
            assertThat(said()).containsSubsequence("my name is Ada", "Hello, Ada.", "who am I?")
                    .doesNotContain("an older conversation");
            Ran history = home.jclaw("", false, "run", "--session", "ada", "/history");
            assertThat(history.out()).contains("1 entry\n").contains("entries  (current)");
            adopted(home, "ada", id);
        }
    }

    @Test
    void a_legacy_terminal_conversation_is_continued_through_the_server() throws Exception {
        try (TerminalHome home = new TerminalHome(dir.resolve("server"), model)) {
            SessionId id = legacy(home, "ada");
            home.serve();
            model.enqueue(Reply.text("You are Ada."));
            ok(home.jclaw("", false, "run", "--session", "cli:ada", "who am I?"), "You are Ada.");
            assertThat(said()).containsSubsequence("my name is Ada", "Hello, Ada.", "who am I?");
            home.stopServing();
            adopted(home, "ada", id);
        }
    }

    @Test
    void another_users_terminal_conversation_never_adopts_the_admins_legacy_one() throws Exception {
        try (TerminalHome home = new TerminalHome(dir.resolve("carol"), model)) {
            legacy(home, "ada");
            home.serve();
            Actor operator = new Actor("cli:test", "cli", "");
            home.server().auth().accounts().add(new UserId("carol"), false, Tier.YOLO, "carol's long password",
                    operator);
            String key = home.server().auth().accounts().createKey(new UserId("carol"), "t", operator).secret();
            model.enqueue(Reply.text("Who are you?"));
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(home.server().url() + "/api/conversations/ada/messages"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"who am I?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(said()).contains("who am I?").doesNotContain("my name is Ada");
            home.stopServing();
            try (SessionStore store = JdbcSessionStore.h2(home.path.resolve("data"))) {
                assertThat(store.list(new SessionKey("cli:ada"))).hasSize(2);
                assertThat(store.list(new SessionKey("user:carol/cli/ada"))).hasSize(1);
            }
        }
    }
}
