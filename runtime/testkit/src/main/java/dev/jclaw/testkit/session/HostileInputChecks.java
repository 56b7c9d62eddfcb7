package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts and keys chosen to break a store: the part of {@link SessionStoreContract} about what goes in. */
abstract class HostileInputChecks {
    /** Every C0 control (NUL first), DEL, C1, separators, bidi overrides, lone and paired surrogates, quoting. */
    static final String ODD;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            b.append(c);
        }
        b.append("\u007f\u0085\u009f \u2028\u2029 rtl\u202e \ufeff bom \ufffe\uffff");
        b.append(" lone high \uD800 lone low \uDC00 pair \uD83D\uDE00 reversed \uDE00\uD83D");
        b.append(" 中文 עברית e\u0301 ' \" \\ \\u0000 %s %% _ ; DROP TABLE entries; -- */ $1 ?");
        ODD = b.toString();
    }

    private final SessionStoreContract contract;

    HostileInputChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    @Test
    void keeps_a_five_megabyte_entry_whole() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        String big = "0123456789abcdef".repeat(5 * 1024 * 1024 / 16) + "é😀end";
        store.append(id, new Entry.User(big));
        store.append(id, new Entry.ToolOutput("c", "bash", big, false));
        List<Entry> path = store.path(id);
        assertThat(((Entry.User) path.get(0).body()).text()).isEqualTo(big);
        assertThat(((Entry.ToolOutput) path.get(1).body()).content()).isEqualTo(big);
    }

    @Test
    void keeps_nul_controls_surrogates_and_quotes_faithfully_in_every_text() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        List<Entry.Body> bodies = List.of(new Entry.User(ODD),
                new Entry.Assistant(ODD, ODD, List.of(new ToolCall(ODD, ODD, ODD), new ToolCall("", "", "")), true),
                new Entry.ToolOutput(ODD, ODD, ODD, true), new Entry.Note(ODD), new Entry.User(""),
                new Entry.Assistant("", "", List.of(), false));
        for (Entry.Body body : bodies) {
            store.append(id, body);
        }
        List<Entry> path = store.path(id);
        assertThat(path).extracting(Entry::body).containsExactlyElementsOf(bodies);
        assertThat(((Entry.User) path.getFirst().body()).text()).hasSize(ODD.length()).startsWith("\u0000\u0001");
    }

    @Test
    void keeps_keys_that_look_like_sql_or_patterns_apart_from_their_neighbours() {
        SessionStore store = contract.store;
        List<SessionKey> keys = List.of(new SessionKey("cli:alice"), new SessionKey("cli:alic_"),
                new SessionKey("cli:alice%"), new SessionKey("cli:' OR '1'='1"),
                new SessionKey("cli:'; DROP TABLE sessions; --"), new SessionKey("web:爱丽丝 \uD83D\uDE00"),
                new SessionKey("feishu:" + "長".repeat(SessionKey.MAX_LENGTH - 7)));
        for (SessionKey key : keys) {
            SessionId id = store.current(key).id();
            store.append(id, new Entry.User(key.value()));
            store.rotate(key);
        }
        for (SessionKey key : keys) {
            List<SessionHeader> listed = store.list(key);
            assertThat(listed).as(key.value()).hasSize(2).allSatisfy(h -> assertThat(h.key()).isEqualTo(key));
            assertThat(store.path(listed.get(1).id())).extracting(Entry::body)
                    .containsExactly(new Entry.User(key.value()));
        }
    }

    @Test
    void keeps_unicode_titles_at_the_longest_allowed() {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        String title = "标题 '\" \\ %_ 😀".repeat(20).substring(0, SessionHeader.MAX_NAME);
        store.setTitle(id, title);
        assertThat(store.header(id).orElseThrow().title()).contains(title);
    }
}
