package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionKeyTest {
    @Test
    void accepts_channel_and_name() {
        assertThat(new SessionKey("feishu:app:chat-42").value()).isEqualTo("feishu:app:chat-42");
        assertThat(SessionId.random().value()).hasSize(24);
    }

    @Test
    void refuses_malformed_keys_and_ids() {
        for (String bad : new String[] {"", "alice", ":x", "CLI:x", "cli:", "cli:a\nb", "cli:" + "x".repeat(300)}) {
            assertThatThrownBy(() -> new SessionKey(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a session key is channel:name");
        }
        assertThatThrownBy(() -> new SessionId("../../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
