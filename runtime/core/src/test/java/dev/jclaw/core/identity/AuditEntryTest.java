package dev.jclaw.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    @Test
    void keeps_a_digest_of_tool_arguments_never_the_arguments() {
        String arguments = "{\"command\": \"curl -H 'Authorization: Bearer sk-secret' example.com\"}";
        String detail = Json.write(AuditEntry.toolCall("bash", arguments));
        assertThat(detail).doesNotContain("sk-secret").contains("\"tool\":\"bash\"");
        assertThat(AuditEntry.toolCall("bash", arguments)).isEqualTo(AuditEntry.toolCall("bash", arguments));
        assertThat(AuditEntry.toolCall("bash", arguments + " ")).isNotEqualTo(AuditEntry.toolCall("bash", arguments));
        assertThat(AuditEntry.toolCall("bash", "").string("arguments_sha256"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void replaces_control_and_invisible_characters_and_cuts_long_texts() {
        AuditEntry entry = AuditEntry.of(Instant.EPOCH, AuditKind.LOGIN_FAILED, "ev\u202Ee\r\nx", null)
                .subject("s".repeat(500));
        assertThat(entry.actor()).isEqualTo("ev?e??x");
        assertThat(entry.channel()).isEmpty();
        assertThat(entry.subject()).hasSize(AuditEntry.MAX_NAME);
        assertThat(AuditKind.parse(" Login.Failed ")).contains(AuditKind.LOGIN_FAILED);
        assertThat(AuditKind.parse("login.maybe")).isEmpty();
    }
}
