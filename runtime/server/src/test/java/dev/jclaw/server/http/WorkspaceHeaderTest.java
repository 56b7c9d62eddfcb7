package dev.jclaw.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.server.auth.Authentication;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code X-JClaw-Workspace}: written by the terminal, read by the server only from the local credential. */
class WorkspaceHeaderTest {
    static final Authentication.Credential LOCAL = new Authentication.Local();

    @Test
    void reads_back_any_absolute_directory_it_writes() throws Exception {
        for (String dir : List.of("/", "/home/ana/my project", "/srv/项目/a+b%c", "/tmp/ünï cødé/~x_y-z.1")) {
            String value = WorkspaceHeader.encode(Path.of(dir));
            assertThat(value).matches("[A-Za-z0-9/._~%-]+");
            assertThat(WorkspaceHeader.read(Optional.of(value), LOCAL)).contains(Path.of(dir));
        }
        assertThat(WorkspaceHeader.read(Optional.of("/a/./b/../c"), LOCAL)).contains(Path.of("/a/c"));
        assertThat(WorkspaceHeader.read(Optional.empty(), new Authentication.AdminToken())).isEmpty();
    }

    @Test
    void refuses_every_credential_but_the_local_one_with_403() {
        for (Authentication.Credential other : List.of(new Authentication.AdminToken(),
                new Authentication.Key(new ApiKeyId("0123456789ab")))) {
            assertThatThrownBy(() -> WorkspaceHeader.read(Optional.of("/tmp"), other))
                    .isInstanceOfSatisfying(WorkspaceHeader.Refused.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("local token");
        }
    }

    @Test
    void refuses_what_is_not_an_absolute_path_in_utf_8_with_400() {
        for (String bad : List.of("", "relative", "./x", "%ZZ", "/a%", "/a%4", "/%C3%28", "/%FF", "/a%00b",
                "/a%0Ab", "/a%1Bb", "/a b", "/a\tb", "/h\u00e9", "/" + "a".repeat(WorkspaceHeader.MAX_CHARS))) {
            assertThatThrownBy(() -> WorkspaceHeader.read(Optional.of(bad), LOCAL)).as(bad)
                    .isInstanceOfSatisfying(WorkspaceHeader.Refused.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageStartingWith(WorkspaceHeader.NAME + " takes an absolute directory");
        }
    }
}
