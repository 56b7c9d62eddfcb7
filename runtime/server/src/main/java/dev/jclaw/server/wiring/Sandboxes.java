package dev.jclaw.server.wiring;

import dev.jclaw.api.process.SandboxStatus;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.SandboxConfig;
import dev.jclaw.core.sandbox.HostSandbox;
import java.util.Optional;
import java.util.function.Consumer;

/** Makes the host's sandbox from the configuration and says so at start when commands will not be confined. */
public final class Sandboxes {
    private static final System.Logger LOG = System.getLogger(Sandboxes.class.getName());

    private Sandboxes() {
    }

    /**
     * Makes the sandbox and says, once, when bash will run unconfined or refuse: on the terminal when there is one
     * ({@code jclaw run}, {@code jclaw chat}), else in the log as a warning ({@code jclaw serve}).
     *
     * @param config the configuration
     * @param terminal where a warning goes instead of the log, e.g. the terminal's stderr
     * @return the sandbox
     */
    public static HostSandbox open(JClawConfig config, Optional<Consumer<String>> terminal) {
        HostSandbox sandbox = HostSandbox.create(SandboxConfig.of(config), SandboxConfig.paths(config, System.getenv()),
                HostSandbox.findBwrap(System.getenv()));
        warning(sandbox.status()).ifPresentOrElse(text -> terminal.ifPresentOrElse(t -> {
            LOG.log(System.Logger.Level.DEBUG, text);
            t.accept(text);
        }, () -> LOG.log(System.Logger.Level.WARNING, text)),
                () -> LOG.log(System.Logger.Level.INFO, "sandbox " + sandbox.status().describe()));
        return sandbox;
    }

    /**
     * Returns the warning a status deserves.
     *
     * @param status the sandbox's status
     * @return one sentence when commands run unconfined for want of a sandbox, or are refused; empty otherwise
     */
    public static Optional<String> warning(SandboxStatus status) {
        return switch (status) {
            case SandboxStatus.Active active -> Optional.empty();
            case SandboxStatus.Off off -> Optional.empty();
            case SandboxStatus.Unavailable u when u.required() -> Optional.of("The sandbox is unavailable ("
                    + u.reason() + ") and sandbox.required is true, so bash refuses every command; see docs/sandbox.md.");
            case SandboxStatus.Unavailable u -> Optional.of("The sandbox is unavailable (" + u.reason()
                    + "), so bash commands run unconfined with your permissions; see docs/sandbox.md.");
        };
    }
}
