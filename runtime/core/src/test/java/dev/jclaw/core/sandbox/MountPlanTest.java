package dev.jclaw.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPlanTest {
    @TempDir
    Path temp;

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(temp.toRealPath().resolve(relative));
    }

    /** The options after the fixed base, before {@code --chdir}. */
    private static List<String> mounts(List<String> options) {
        return options.subList(MountPlan.BASE.size(), options.indexOf("--chdir"));
    }

    @Nested
    class Order {
        @Test
        void a_workspace_inside_a_hidden_directory_is_bound_after_the_hide() throws IOException {
            Path data = dir("data");
            Path workspace = dir("data/workspace");

            List<String> options = MountPlan.options(List.of(data), List.of(), workspace, true);

            assertThat(mounts(options)).containsExactly("--tmpfs", data.toString(),
                    "--bind", workspace.toString(), workspace.toString());
            assertThat(options.subList(options.size() - 2, options.size()))
                    .containsExactly("--chdir", workspace.toString());
        }

        @Test
        void a_secret_inside_the_workspace_is_hidden_after_the_bind() throws IOException {
            Path workspace = dir("home");
            Path ssh = dir("home/.ssh");
            Path netrc = Files.writeString(workspace.resolve(".netrc"), "machine x password y");

            List<String> options = MountPlan.options(List.of(ssh, netrc), List.of(), workspace, true);

            assertThat(mounts(options)).containsExactly("--bind", workspace.toString(), workspace.toString(),
                    "--tmpfs", ssh.toString(), "--ro-bind", "/dev/null", netrc.toString());
        }

        @Test
        void the_workspace_wins_over_a_hide_of_the_same_directory() throws IOException {
            Path workspace = dir("both");

            List<String> options = MountPlan.options(List.of(workspace), List.of(), workspace, true);

            assertThat(mounts(options)).containsExactly("--tmpfs", workspace.toString(),
                    "--bind", workspace.toString(), workspace.toString());
        }
    }

    @Nested
    class Paths {
        @Test
        void missing_paths_and_the_root_are_skipped_and_links_are_followed() throws IOException {
            Path workspace = dir("ws");
            Path real = dir("real-secrets");
            Path link = Files.createSymbolicLink(temp.toRealPath().resolve("secrets"), real);

            List<String> options = MountPlan.options(List.of(temp.resolve("absent"), Path.of("/"), link),
                    List.of(temp.resolve("absent-cache")), workspace, true);

            assertThat(mounts(options)).containsExactly("--tmpfs", real.toString(),
                    "--bind", workspace.toString(), workspace.toString());
        }

        @Test
        void writable_directories_are_bound_read_write() throws IOException {
            Path workspace = dir("ws");
            Path cache = dir("cache");

            assertThat(mounts(MountPlan.options(List.of(), List.of(cache), workspace, true)))
                    .containsExactly("--bind", cache.toString(), cache.toString(),
                            "--bind", workspace.toString(), workspace.toString());
        }
    }

    @Test
    void the_network_namespace_is_separate_unless_the_network_is_allowed() throws IOException {
        Path workspace = dir("ws");

        assertThat(MountPlan.options(List.of(), List.of(), workspace, false)).contains("--unshare-net");
        assertThat(MountPlan.options(List.of(), List.of(), workspace, true)).doesNotContain("--unshare-net");
        assertThat(MountPlan.BASE).contains("--unshare-pid", "--die-with-parent", "--new-session", "--proc");
    }
}
