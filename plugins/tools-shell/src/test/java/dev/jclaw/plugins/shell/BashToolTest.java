package dev.jclaw.plugins.shell;

import static dev.jclaw.plugins.shell.ToolCalls.bash;
import static dev.jclaw.plugins.shell.ToolCalls.call;
import static dev.jclaw.plugins.shell.ToolCalls.command;
import static dev.jclaw.plugins.shell.ToolCalls.content;
import static dev.jclaw.plugins.shell.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BashToolTest {

    @TempDir
    Path workspace;

    private final BashTool tool = bash("{}");

    private String run(String command) throws Exception {
        return content(call(tool, workspace, command(command)));
    }

    @Nested
    class Output {
        @Test
        void shows_stdout_and_the_exit_code() throws Exception {
            assertThat(run("echo hello")).isEqualTo("[stdout]\nhello\n[exit_code=0]");
        }

        @Test
        void shows_stderr_in_its_own_section() throws Exception {
            assertThat(run("echo oops >&2")).isEqualTo("[stderr]\noops\n[exit_code=0]");
        }

        @Test
        void shows_both_streams_stdout_first() throws Exception {
            assertThat(run("echo err >&2; echo out")).isEqualTo("[stdout]\nout\n[stderr]\nerr\n[exit_code=0]");
        }

        @Test
        void is_only_the_status_line_when_nothing_is_printed() throws Exception {
            assertThat(run("true")).isEqualTo("[exit_code=0]");
        }

        @Test
        void runs_pipes_and_multiline_scripts() throws Exception {
            assertThat(run("for i in 3 1 2; do\n  echo $i\ndone | sort | tr '\\n' ,")).isEqualTo("[stdout]\n1,2,3,\n[exit_code=0]");
        }

        @Test
        void decodes_utf8() throws Exception {
            assertThat(run("printf 'h\\xc3\\xa9llo \\xe2\\x9c\\x93\\n'")).isEqualTo("[stdout]\nhéllo ✓\n[exit_code=0]");
        }
    }

    @Nested
    class Exit_codes {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                exit 3                | 3
                false                 | 1
                kill -9 $$            | 137
                no-such-command-here  | 127
                """)
        void are_a_normal_result_for_the_model_to_read(String command, int code) throws Exception {
            assertThat(run(command)).endsWith("[exit_code=" + code + "]");
        }

        @Test
        void come_with_the_error_message_of_a_missing_command() throws Exception {
            assertThat(run("no-such-command-here"))
                    .matches("(?s)\\[stderr]\n.*no-such-command-here: command not found\n\\[exit_code=127]");
        }
    }

    @Nested
    class Working_directory {
        @Test
        void is_the_workspace() throws Exception {
            assertThat(run("pwd")).isEqualTo("[stdout]\n" + workspace.toRealPath() + "\n[exit_code=0]");
        }

        @Test
        void is_where_relative_paths_land() throws Exception {
            Files.writeString(workspace.resolve("in.txt"), "from the workspace\n");

            String out = run("cat in.txt && echo made > out.txt");

            assertThat(out).isEqualTo("[stdout]\nfrom the workspace\n[exit_code=0]");
            assertThat(workspace.resolve("out.txt")).content().isEqualTo("made\n");
        }

        @Test
        void is_named_by_pwd_and_jclaw_workspace() throws Exception {
            String real = workspace.toRealPath().toString();

            assertThat(run("echo \"$PWD|$JCLAW_WORKSPACE\"")).isEqualTo("[stdout]\n" + real + "|" + real + "\n[exit_code=0]");
        }
    }

    @Nested
    class Stdin {
        @Test
        void is_empty_so_a_reader_ends_at_once() throws Exception {
            assertThat(run("cat; read line; echo \"read=$?\"")).isEqualTo("[stdout]\nread=1\n[exit_code=0]");
        }
    }

    @Nested
    class Process_group {
        @Test
        void is_the_commands_own_so_the_whole_tree_can_be_signalled() throws Exception {
            assumeTrue(Shell.locate(System.getenv()).ownProcessGroup(), "setsid --wait is not available");

            // /proc/PID/stat: pid (comm) state ppid pgrp session ...
            String out = run("read -r pid comm state ppid pgrp session rest < /proc/$$/stat; echo $$ $pgrp $session");

            List<Long> ids = ToolCalls.numbers(out.lines().skip(1).findFirst().orElseThrow());
            assertThat(ids).hasSize(3).containsOnly(ids.getFirst());
        }
    }

    @Nested
    class Environment {
        private static final Map<String, String> FAKE_SECRETS = Map.of(
                "X_API_KEY", "sk-fake", "GITHUB_TOKEN", "ghp_fake", "AWS_SECRET_ACCESS_KEY", "aws-fake",
                "LD_PRELOAD", "/nonexistent/inject.so", "KEEP_ME", "kept");

        private List<String> environment(BashTool tool) throws Exception {
            String out = content(call(tool, workspace, command("env")));
            return Arrays.asList(out.split("\n"));
        }

        @Test
        void lacks_the_hosts_secrets() throws Exception {
            List<String> lines = environment(bash("{}", FAKE_SECRETS));

            assertThat(lines).contains("KEEP_ME=kept")
                    .noneMatch(line -> line.startsWith("X_API_KEY="))
                    .noneMatch(line -> line.startsWith("GITHUB_TOKEN="))
                    .noneMatch(line -> line.startsWith("AWS_SECRET_ACCESS_KEY="))
                    .noneMatch(line -> line.startsWith("LD_PRELOAD="))
                    .noneMatch(line -> line.contains("fake"));
        }

        @Test
        void keeps_a_name_the_config_allows() throws Exception {
            List<String> lines = environment(bash("{\"allow-env\": [\"GITHUB_TOKEN\"]}", FAKE_SECRETS));

            assertThat(lines).contains("GITHUB_TOKEN=ghp_fake").noneMatch(line -> line.startsWith("X_API_KEY="));
        }

        @Test
        void keeps_the_path_so_commands_are_found() throws Exception {
            assertThat(environment(bash("{}"))).contains("PATH=" + System.getenv("PATH"));
        }
    }

    @Nested
    class Refuses {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                {}                                         | 'command' is required and must be a string
                {"command": 42}                            | 'command' must be a string, got number
                {"command": "  "}                          | 'command' is empty; give the bash command to run
                {"command": "ls", "timeout_seconds": "9"}  | 'timeout_seconds' must be an integer, got string
                {"command": "ls", "timeout_seconds": 1.5}  | 'timeout_seconds' must be an integer, got 1.5
                {"command": "ls", "timeout_seconds": 0}    | 'timeout_seconds' must be from 1 to 600, got 0
                {"command": "ls", "timeout_seconds": 601}  | 'timeout_seconds' must be from 1 to 600, got 601
                {"command": "ls", "description": 1}        | 'description' must be a string, got number
                {"command": "ls", "cwd": "/"}              | unknown argument 'cwd'; bash takes 'command', 'timeout_seconds' and 'description'
                {"command": "echo a\\u0000b"}              | 'command' contains a NUL character, which a command line cannot carry
                """)
        void wrong_arguments_with_one_sentence(String arguments, String message) throws Exception {
            assertThat(failure(call(tool, workspace, Json.parseObject(arguments)))).isEqualTo(message);
        }

        @Test
        void an_oversized_command() throws Exception {
            String big = "echo " + "x".repeat(BashTool.MAX_COMMAND_BYTES);

            assertThat(failure(call(tool, workspace, command(big))))
                    .isEqualTo("'command' is 65541 bytes, over the limit of 65536; put it in a script file and run "
                            + "that instead");
        }

        @Test
        void to_run_in_a_workspace_that_is_gone() {
            Path gone = workspace.resolve("deleted");
            ToolContext context = new ToolContext("call-1", command("pwd"), gone, "test:shell",
                    Instant.now().plusSeconds(30));

            assertThat(failure(tool.execute(context))).startsWith("cannot start bash in the workspace: ")
                    .contains("No such file or directory").doesNotContain("\n");
        }

        @Test
        void a_timeout_over_the_configured_maximum() throws Exception {
            BashTool strict = bash("{\"timeout-seconds-max\": 30}");

            assertThat(failure(call(strict, workspace, command("ls", 31))))
                    .isEqualTo("'timeout_seconds' must be from 1 to 30, got 31");
        }
    }

    @Nested
    class Accepts {
        @Test
        void a_description_and_a_timeout() throws Exception {
            JsonObject arguments = JsonObject.builder().put("command", "echo hi").put("timeout_seconds", 5)
                    .put("description", "Says hi").build();

            assertThat(content(call(tool, workspace, arguments))).isEqualTo("[stdout]\nhi\n[exit_code=0]");
        }

        @Test
        void a_command_just_under_the_size_limit() throws Exception {
            String command = ": " + "x".repeat(BashTool.MAX_COMMAND_BYTES - 2);

            assertThat(content(call(tool, workspace, command(command)))).isEqualTo("[exit_code=0]");
        }
    }

    @Nested
    class Declaration {
        @Test
        void is_a_write_class_tool_named_bash() {
            assertThat(tool.name()).isEqualTo("bash");
            assertThat(tool.toolClass()).isEqualTo(ToolClass.WRITE);
        }

        @Test
        void has_a_schema_that_requires_only_the_command_and_names_the_limits() {
            JsonObject schema = Json.parseObject(bash("{\"timeout-seconds-max\": 900}").parametersSchema());
            JsonObject properties = schema.optObject("properties").orElseThrow();
            JsonObject timeout = properties.optObject("timeout_seconds").orElseThrow();

            assertThat(schema.optArray("required").orElseThrow().elements()).extracting(v -> v.toJson())
                    .containsExactly("\"command\"");
            assertThat(properties.members()).containsOnlyKeys("command", "timeout_seconds", "description");
            assertThat(timeout.optLong("maximum")).contains(900L);
            assertThat(timeout.optLong("default")).contains(120L);
            assertThat(properties.optObject("command").orElseThrow().optLong("maxLength"))
                    .contains((long) BashTool.MAX_COMMAND_BYTES);
        }

        @Test
        void describes_the_output_format_and_limits_for_the_model() {
            assertThat(tool.description()).contains("[stdout]", "[stderr]", "[exit_code=N]", "timeout_seconds",
                    "default 120", "at most 600", "15000 characters", "workspace");
        }
    }
}
