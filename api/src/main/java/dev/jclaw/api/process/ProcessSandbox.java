package dev.jclaw.api.process;

import java.io.IOException;
import java.util.List;

/**
 * The host's sandbox for processes a plugin starts: it turns a command into the command line that runs it confined
 * (read-only system, the working directory writable, the host's own files and the user's secrets hidden, processes
 * of the host invisible) and starts processes so that they die with the host, even when the host is killed.
 *
 * <p>Use both methods, in this order; the result of {@link #confine} is meant for {@link #start}:
 *
 * <pre>{@code
 * List<String> argv;
 * try {
 *     argv = sandbox.confine(new SandboxCommand(List.of("bash", "-c", command), workspace, true));
 * } catch (SandboxRefusedException e) {
 *     return ToolResult.failed(e.getMessage());
 * }
 * Process process = sandbox.start(new ProcessBuilder(argv).directory(workspace.toFile()));
 * }</pre>
 *
 * <p>When {@link #status()} is not {@link SandboxStatus.Active}, {@link #confine} returns the command unchanged (or
 * refuses it, when the sandbox is required); {@link #start} still ties the process to the host's life. Implementations
 * are thread-safe.
 *
 * @since 1.2
 */
public interface ProcessSandbox {

    /**
     * Returns whether commands are confined, and why not when they are not. It does not change while the host runs.
     *
     * @return the status
     */
    SandboxStatus status();

    /**
     * Returns the command line that runs a command in the sandbox. Inside, the command is the only process of its
     * own process tree; when it exits, whatever it left running is ended too.
     *
     * @param command what to run
     * @return the command line to start, the command's own when the sandbox is not active
     * @throws SandboxRefusedException when the sandbox is required but not available; its message says why
     */
    List<String> confine(SandboxCommand command) throws SandboxRefusedException;

    /**
     * Starts a process, as {@link ProcessBuilder#start()} does, but from a thread that lives as long as the host
     * (a kernel's parent-death signal follows the thread that started a process, and a virtual thread's carrier
     * may end at any time), and registers it so that it is killed, with its process group, when the host dies.
     *
     * @param builder the process to start
     * @return the started process
     * @throws IOException when it cannot be started
     */
    Process start(ProcessBuilder builder) throws IOException;

    /**
     * Returns a sandbox that confines nothing: commands run as they are, started on the calling thread. For hosts
     * without a sandbox and for plugins' own tests.
     *
     * @param reason why there is no sandbox, for {@link SandboxStatus.Off}
     * @return the sandbox
     */
    static ProcessSandbox unconfined(String reason) {
        return new Unconfined(new SandboxStatus.Off(reason));
    }
}
