package dev.jclaw.plugins.shell;

import static dev.jclaw.plugins.shell.SandboxFixture.anyRunning;
import static dev.jclaw.plugins.shell.SandboxFixture.bash;
import static dev.jclaw.plugins.shell.ToolCalls.call;
import static dev.jclaw.plugins.shell.ToolCalls.command;
import static dev.jclaw.plugins.shell.ToolCalls.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.sandbox.SandboxSettings;
import dev.jclaw.core.sandbox.HostSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The bash tool in the host's real bubblewrap sandbox: what a command cannot reach, and what still works. */
class SandboxedBashTest {

    private static final String CANARY = "canary-7d1f0c2a";

    SandboxFixture fixture;
    HostSandbox sandbox;
    BashTool tool;

    @BeforeEach
    void sandbox() throws IOException {
        // not under /tmp: the sandbox's own /tmp would hide it whatever the configuration says, and the hide tests
        // would prove nothing; a checkout under /tmp (as CI's may be) puts the fixture in /var/tmp instead
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        Path base = target.startsWith("/tmp") ? Path.of("/var/tmp") : target;
        fixture = new SandboxFixture(Files.createTempDirectory(base, "jclaw-sandbox-"));
        assertThat(fixture.root.toString()).doesNotStartWith("/tmp/");
        sandbox = fixture.active();
        tool = bash(sandbox, "{\"kill-grace-seconds\": 0.5}");
    }

    @AfterEach
    void clean() throws IOException {
        if (fixture != null) {
            try (Stream<Path> files = Files.walk(fixture.root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String run(String command) throws IOException {
        return content(call(tool, fixture.workspace, command(command)));
    }

    private String run(String command, long timeoutSeconds) throws IOException {
        return content(call(tool, fixture.workspace, command(command, timeoutSeconds)));
    }

    @Nested
    class TheServerIsOutOfReach {
        @Test
        void the_parents_environment_is_not_readable() throws IOException {
            assertThat(System.getenv("JCLAW_TEST_CANARY_SECRET")).as("the test JVM's canary").isEqualTo(CANARY);

            String out = run("cat /proc/$PPID/environ | tr '\\0' '\\n'; echo; "
                    + "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done; echo scanned");

            assertThat(out).contains("scanned").doesNotContain(CANARY);
        }

        @Test
        void only_the_sandboxs_own_processes_are_visible() throws IOException {
            String out = run("for p in /proc/[0-9]*; do echo \"${p#/proc/} $(cat $p/comm)\"; done");

            assertThat(out).doesNotContain("java").contains("1 bwrap");
            assertThat(out.lines().filter(line -> line.matches("\\d+ .*"))).hasSizeLessThan(6);
        }

        @Test
        void killing_the_parent_or_the_server_fails() throws IOException {
            long jvm = ProcessHandle.current().pid();

            String out = run("kill -9 $PPID; kill -9 " + jvm + " 2>&1; echo still here");

            assertThat(out).contains("still here");
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        }

        @Test
        void the_loopback_of_the_host_is_not_reachable_without_network() throws IOException {
            try (ServerSocket admin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                String out = run("exec 3<>/dev/tcp/127.0.0.1/" + admin.getLocalPort() + " && echo connected; "
                        + "tail -n +3 /proc/net/dev | cut -d: -f1");

                assertThat(out).doesNotContain("connected").contains("lo");
                assertThat(out.lines().filter(l -> l.strip().matches("[a-z0-9]+"))).containsExactly("    lo");
            }
        }
    }

    @Nested
    class SecretsAreHidden {
        @Test
        void the_jclaw_home_and_its_runtime_file_are_empty() throws IOException {
            String out = run("cat " + fixture.dataDir.resolve("run/server.json") + "; find " + fixture.jclawHome
                    + " -type f | wc -l");

            assertThat(out).doesNotContain(SandboxFixture.RUNTIME_TOKEN).contains("No such file")
                    .startsWith("[stdout]\n0\n");
        }

        @Test
        void the_configuration_file_cannot_be_read() throws IOException {
            String out = run("cat " + fixture.configFile);

            assertThat(out).contains("Permission denied").doesNotContain("cfg");
        }

        @Test
        void the_users_keys_and_netrc_are_not_readable() throws IOException {
            String out = run("cat " + fixture.userHome.resolve(".ssh/id_ed25519") + "; cat "
                    + fixture.userHome.resolve(".netrc") + "; ls -A " + fixture.userHome.resolve(".ssh") + "| wc -l");

            assertThat(out).doesNotContain("PRIVATE KEY").doesNotContain("hunter2").contains("0\n");
        }

        @Test
        void a_workspace_inside_the_hidden_data_directory_still_works() throws IOException {
            Path inside = Files.createDirectories(fixture.dataDir.resolve("workspace"));

            String out = content(call(tool, inside, command("echo made > note.txt && cat note.txt; cat "
                    + fixture.dataDir.resolve("run/server.json"))));

            assertThat(out).contains("made").doesNotContain(SandboxFixture.RUNTIME_TOKEN);
            assertThat(inside.resolve("note.txt")).hasContent("made");
        }
    }

    @Nested
    class OnlyTheWorkspaceIsWritable {
        @Test
        void writing_outside_the_workspace_fails() throws IOException {
            String out = run("echo x > " + fixture.root.resolve("outside.txt") + "; echo x > "
                    + fixture.userHome.resolve("dropped") + "; echo exit=$?");

            assertThat(out).contains("Read-only file system").contains("exit=1");
            assertThat(fixture.root.resolve("outside.txt")).doesNotExist();
            assertThat(fixture.userHome.resolve("dropped")).doesNotExist();
        }

        @Test
        void tmp_is_private_and_writable() throws IOException {
            String out = run("echo scratch > /tmp/scratch && cat /tmp/scratch && ls /tmp | wc -l");

            assertThat(out).isEqualTo("[stdout]\nscratch\n1\n[exit_code=0]");
        }
    }

    @Nested
    class OrdinaryWorkSucceeds {
        @Test
        void pipes_and_files_in_the_workspace() throws IOException {
            String out = run("seq 1 1000 | grep 7 | wc -l > count.txt && cat count.txt");

            assertThat(out).isEqualTo("[stdout]\n271\n[exit_code=0]");
        }

        @Test
        void git_init_and_commit() throws IOException {
            assumeTrue(onPath("git"), "git is not installed");

            String out = run("git init -q repo && cd repo && echo hi > a.txt && git add a.txt && "
                    + "git -c user.name=t -c user.email=t@example.com commit -qm first && git log --format=%s");

            assertThat(out).isEqualTo("[stdout]\nfirst\n[exit_code=0]");
        }

        @Test
        void a_compiler() throws IOException {
            assumeTrue(onPath("cc"), "no C compiler (cc) is installed");

            String out = run("printf 'int main(void){return 42;}' > m.c && cc -o m m.c && ./m; echo exit=$?");

            assertThat(out).contains("exit=42");
        }
    }

    @Nested
    class KillingStillWorks {
        @Test
        void a_timeout_kills_the_command_and_everything_it_started() throws IOException {
            long start = System.nanoTime();

            String out = run("sleep 301.25 & (setsid sleep 301.5 &); sleep 301.75", 1);

            assertThat(out).endsWith("[killed: timeout after 1 s]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(Stream.of("301.25", "301.5", "301.75").filter(m -> anyRunning("sleep " + m))).isEmpty();
        }

        @Test
        void sigterm_comes_first_so_a_command_can_clean_up() throws IOException {
            String out = run("trap 'echo cleaning up; echo done > cleaned.txt; exit 7' TERM; sleep 302 & wait", 1);

            assertThat(out).isEqualTo("[stdout]\ncleaning up\n[killed: timeout after 1 s]");
            assertThat(fixture.workspace.resolve("cleaned.txt")).hasContent("done");
        }

        @Test
        void sigkill_follows_the_grace_for_what_ignores_sigterm() throws IOException {
            String out = run("trap '' TERM; sleep 303 & wait", 1);

            assertThat(out).endsWith("[killed: timeout after 1 s]");
            assertThat(anyRunning("sleep 303")).isFalse();
        }

        @Test
        void background_jobs_end_with_the_command() throws IOException {
            long start = System.nanoTime();

            String out = run("sleep 304 > /dev/null 2>&1 & sleep 305 & echo started");

            assertThat(out).isEqualTo("[stdout]\nstarted\n[exit_code=0]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(anyRunning("sleep 304")).isFalse();
            assertThat(anyRunning("sleep 305")).isFalse();
        }

        @Test
        void an_interrupt_kills_the_command() throws Exception {
            Thread caller = Thread.currentThread();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });

            String out = run("sleep 306");

            assertThat(Thread.interrupted()).isTrue();
            assertThat(out).contains("[killed: interrupted");
            assertThat(anyRunning("sleep 306")).isFalse();
        }
    }

    @Test
    void the_description_tells_the_model_about_the_sandbox_and_the_missing_network() {
        assertThat(tool.description()).contains("runs in a sandbox").contains("there is no network")
                .doesNotContain("to let them run on");
        assertThat(bash(fixture.sandbox(true), "{}").description()).contains("runs in a sandbox")
                .doesNotContain("there is no network");
    }

    @Nested
    class WithoutAWorkingSandbox {
        @Test
        void a_required_sandbox_refuses_every_command_with_one_sentence() throws IOException {
            HostSandbox missing = fixture.sandbox(new SandboxSettings(true, true, false, List.of(), List.of()),
                    Optional.empty());

            ToolResult result = call(bash(missing, "{}"), fixture.workspace, command("echo should not run"));

            assertThat(result).isInstanceOfSatisfying(ToolResult.Failed.class, failed -> assertThat(failed.message())
                    .isEqualTo("The command was refused because sandbox.required is true and the sandbox is "
                            + "unavailable (bwrap is not installed; install the package bubblewrap); make bubblewrap "
                            + "work (see docs/sandbox.md) or set sandbox.required to false."));
        }

        @Test
        void a_bwrap_the_kernel_refuses_is_reported_with_its_reason() {
            HostSandbox refused = fixture.sandbox(new SandboxSettings(true, true, false, List.of(), List.of()),
                    Optional.of(Path.of("/bin/false")));

            assertThat(refused.status().describe()).startsWith("unavailable (/bin/false cannot create a sandbox here")
                    .endsWith("commands are refused because the sandbox is required");
        }

        @Test
        void an_optional_sandbox_lets_commands_run_unconfined() throws IOException {
            ProcessSandbox missing = fixture.sandbox(new SandboxSettings(true, false, false, List.of(), List.of()),
                    Optional.empty());

            String out = content(call(bash(missing, "{}"), fixture.workspace, command("cat "
                    + fixture.userHome.resolve(".ssh/id_ed25519"))));

            assertThat(missing.status().confines()).isFalse();
            assertThat(out).contains("PRIVATE KEY");
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
