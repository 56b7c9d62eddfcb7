package dev.jclaw.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.process.SandboxCommand;
import dev.jclaw.api.process.SandboxRefusedException;
import dev.jclaw.api.process.SandboxStatus;
import dev.jclaw.core.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSandboxTest {
    @TempDir
    Path temp;

    private static final List<String> ECHO = List.of("echo", "hi");

    private SandboxPaths paths() {
        return new SandboxPaths(List.of(temp.resolve("jclaw")), List.of(temp.resolve("home")), List.of("~/.secrets"),
                List.of());
    }

    private static SandboxSettings config(boolean enabled, boolean required) {
        return new SandboxSettings(enabled, required, false, List.of(), List.of());
    }

    @Nested
    class Status {
        @Test
        void is_off_when_switched_off_and_commands_run_as_they_are() throws SandboxRefusedException {
            HostSandbox sandbox = HostSandbox.create(config(false, false), paths(), Optional.empty());

            assertThat(sandbox.status()).isEqualTo(new SandboxStatus.Off("switched off by sandbox.enabled"));
            assertThat(sandbox.confine(new SandboxCommand(ECHO, temp, true))).isEqualTo(ECHO);
        }

        @Test
        void is_unavailable_without_bwrap_and_refuses_only_when_required() throws SandboxRefusedException {
            HostSandbox optional = HostSandbox.create(config(true, false), paths(), Optional.empty());
            HostSandbox required = HostSandbox.create(config(true, true), paths(), Optional.empty());

            assertThat(optional.status()).isEqualTo(new SandboxStatus.Unavailable(
                    "bwrap is not installed; install the package bubblewrap", false));
            assertThat(optional.confine(new SandboxCommand(ECHO, temp, true))).isEqualTo(ECHO);
            assertThatThrownBy(() -> required.confine(new SandboxCommand(ECHO, temp, true)))
                    .isInstanceOf(SandboxRefusedException.class)
                    .hasMessageStartingWith("The command was refused because sandbox.required is true");
        }

        @Test
        void required_and_switched_off_refuses() {
            HostSandbox sandbox = HostSandbox.create(config(false, true), paths(), Optional.empty());

            assertThat(sandbox.status()).isEqualTo(new SandboxStatus.Unavailable("switched off by sandbox.enabled",
                    true));
            assertThatThrownBy(() -> sandbox.confine(new SandboxCommand(ECHO, temp, true)))
                    .isInstanceOf(SandboxRefusedException.class);
        }
    }

    @Test
    void hides_jclaws_files_the_secret_places_of_each_home_and_the_configured_paths() {
        List<Path> hidden = paths().hidden();

        assertThat(hidden).contains(temp.resolve("jclaw"), temp.resolve("home/.ssh"), temp.resolve("home/.aws"),
                temp.resolve("home/.config/gcloud"), temp.resolve("home/.netrc"), temp.resolve("home/.secrets"),
                Path.of("/run/docker.sock"));
    }

    @Test
    void an_active_sandbox_runs_the_command_after_bwraps_options() throws SandboxRefusedException {
        Optional<Path> bwrap = HostSandbox.findBwrap(System.getenv());
        HostSandbox sandbox = HostSandbox.create(config(true, false), paths(), bwrap);
        String why = "needs a working bubblewrap: " + sandbox.status().describe();
        if (!sandbox.status().confines() && "true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
            throw new AssertionError(why + ", and JCLAW_REQUIRE_SERVICES=true requires it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sandbox.status().confines(), why);

        List<String> line = sandbox.confine(new SandboxCommand(ECHO, temp, true));

        assertThat(line.getFirst()).isEqualTo(bwrap.orElseThrow().toString());
        assertThat(line.subList(line.size() - 3, line.size())).containsExactly("--", "echo", "hi");
        assertThat(line).contains("--unshare-net", "--chdir");
        assertThat(sandbox.status().describe()).startsWith("active: bubblewrap").contains("network off");
    }
}
