package dev.jclaw.plugins.shell;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.process.SandboxRefusedException;
import dev.jclaw.api.process.SandboxStatus;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bash} tool: runs {@code bash -c command} in the call's workspace and returns its output as
 * {@code [stdout]}, {@code [stderr]} and {@code [exit_code=N]} sections (see {@link Execution}). A non-zero exit is a
 * normal result, for the model to read; only arguments that are wrong or a bash that cannot start make a
 * {@link ToolResult.Failed}.
 *
 * <p>Commands run in the host's {@link ProcessSandbox}: when it is active, the workspace is the only writable place,
 * JClaw's files and the user's credentials are hidden and the server's processes invisible; when it is not, the
 * command runs with the server's user and can reach anything that user can, unless the sandbox is required, and
 * then every call fails saying why. Thread-safe; each call runs its own process.
 */
final class BashTool implements Tool {

    /** Longer commands are refused; write a script file instead. */
    static final int MAX_COMMAND_BYTES = 64 * 1024;

    private static final Set<String> ARGUMENTS = Set.of("command", "timeout_seconds", "description");

    private final ShellConfig config;
    private final CommandRunner runner;
    private final ChildEnvironment environment;
    private final Map<String, String> hostEnvironment;
    private final SandboxStatus sandbox;

    /**
     * Creates the tool.
     *
     * @param config the plugin's configuration
     * @param shell bash and setsid
     * @param hostEnvironment the environment commands start from, before secrets are removed
     * @param sandbox the host's sandbox
     */
    BashTool(ShellConfig config, Shell shell, Map<String, String> hostEnvironment, ProcessSandbox sandbox) {
        this.config = config;
        this.runner = new CommandRunner(shell, sandbox, config.killGrace(), config.outputChars());
        this.sandbox = sandbox.status();
        this.environment = new ChildEnvironment(config.allowEnv());
        this.hostEnvironment = Map.copyOf(hostEnvironment);
    }

    @Override
    public String name() {
        return "bash";
    }

    @Override
    public String description() {
        return "Runs a bash command with the workspace as working directory and returns its output as [stdout], "
                + "[stderr] and [exit_code=N] sections (empty sections are left out). A non-zero exit code is "
                + "reported, not an error. stdin is empty, so interactive programs cannot prompt; pass flags such as "
                + "-y instead. The command is killed with everything it started after timeout_seconds (default "
                + config.defaultTimeout().toSeconds() + ", at most " + config.timeoutMax().toSeconds() + "), and "
                + "then the output ends with [killed: ...]. Of each stream the first and last "
                + config.outputChars() / 2 + " characters are kept, so filter long output with grep, head or tail. "
                + switch (sandbox) {
                    case SandboxStatus.Active active -> "The command runs in a sandbox: only the workspace (and /tmp, "
                            + "emptied after each command) is writable, JClaw's own files and the user's credentials "
                            + "are hidden, " + (active.network() ? "" : "there is no network (downloads fail), ")
                            + "and background jobs end when the command exits. ";
                    case SandboxStatus.Unavailable _, SandboxStatus.Off _ -> "Background jobs that keep the output "
                            + "open are killed when the command exits; redirect their output (cmd > log 2>&1 &) to let "
                            + "them run on. ";
                }
                + "API keys, tokens and other secrets are removed from the environment.";
    }

    @Override
    public String parametersSchema() {
        return """
                {
                  "type": "object",
                  "properties": {
                    "command": {
                      "type": "string",
                      "description": "The bash command to run, e.g. ls -la src; pipes, && and redirections work",
                      "maxLength": %d
                    },
                    "timeout_seconds": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": %d,
                      "default": %d,
                      "description": "Kill the command after this many seconds"
                    },
                    "description": {
                      "type": "string",
                      "description": "What the command does, in a few words, for the person watching"
                    }
                  },
                  "required": ["command"],
                  "additionalProperties": false
                }
                """.formatted(MAX_COMMAND_BYTES, config.timeoutMax().toSeconds(), config.defaultTimeout().toSeconds());
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.WRITE;
    }

    @Override
    public ToolResult execute(ToolContext context) {
        Request request;
        try {
            request = Request.from(context.arguments(), config);
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        Execution execution;
        try {
            execution = runner.run(request.command(), context.workspace(),
                    environment.build(hostEnvironment, context.workspace()), request.timeout(), context.deadline());
        } catch (IOException e) {
            return ToolResult.failed("cannot start bash in the workspace: " + e.getMessage());
        } catch (SandboxRefusedException e) {
            return ToolResult.failed(e.getMessage());
        }
        return ToolResult.ok(execution.text());
    }

    /**
     * The checked arguments.
     *
     * @param command the command text
     * @param timeout its time limit
     * @param description what it does, as the model says; only shown to people
     */
    record Request(String command, Duration timeout, Optional<String> description) {

        /** Reads the arguments; a {@link JsonException} names the argument that is wrong and how. */
        static Request from(JsonObject arguments, ShellConfig config) {
            for (String name : arguments.members().keySet()) {
                if (!ARGUMENTS.contains(name)) {
                    throw new JsonException("unknown argument '" + name
                            + "'; bash takes 'command', 'timeout_seconds' and 'description'");
                }
            }
            String command = arguments.string("command");
            if (command.isBlank()) {
                throw new JsonException("'command' is empty; give the bash command to run");
            }
            if (command.indexOf('\0') >= 0) {
                throw new JsonException("'command' contains a NUL character, which a command line cannot carry");
            }
            int bytes = command.getBytes(UTF_8).length;
            if (bytes > MAX_COMMAND_BYTES) {
                throw new JsonException("'command' is " + bytes + " bytes, over the limit of " + MAX_COMMAND_BYTES
                        + "; put it in a script file and run that instead");
            }
            long max = config.timeoutMax().toSeconds();
            long seconds = arguments.optLong("timeout_seconds").orElse(config.defaultTimeout().toSeconds());
            if (seconds < 1 || seconds > max) {
                throw new JsonException("'timeout_seconds' must be from 1 to " + max + ", got " + seconds);
            }
            return new Request(command, Duration.ofSeconds(seconds), arguments.optString("description"));
        }
    }
}
