package dev.jclaw.core.sandbox;

import java.util.List;

/**
 * The sandbox of the processes plugins start, as {@code sandbox} in {@code jclaw.json} sets it (read by the
 * configuration module's {@code SandboxConfig}). Paths stay as written ({@code ~/...} or absolute): the sandbox resolves
 * {@code ~} against every home the commands may take for theirs.
 *
 * @param enabled whether to use bubblewrap when it works here
 * @param required whether commands are refused without a working sandbox
 * @param network whether sandboxed commands reach the network
 * @param hide more files and directories to hide, besides the built-in list
 * @param writable more directories commands may write to, besides the workspace
 */
public record SandboxSettings(boolean enabled, boolean required, boolean network, List<String> hide,
                            List<String> writable) {

    /** Checks and copies the fields. */
    public SandboxSettings {
        hide = List.copyOf(hide);
        writable = List.copyOf(writable);
    }
}
