package dev.jclaw.api.process;

import java.util.Objects;

/**
 * Whether the host confines the processes plugins start.
 *
 * @since 1.2
 */
public sealed interface SandboxStatus {

    /**
     * Tells whether commands run confined.
     *
     * @return {@code true} only for {@link Active}
     */
    default boolean confines() {
        return this instanceof Active;
    }

    /**
     * Returns the status in one line for people, e.g. in {@code /status}.
     *
     * @return the line
     */
    String describe();

    /**
     * Commands run in the sandbox.
     *
     * @param summary what the sandbox does, e.g. {@code bubblewrap 0.8.0, network off, 14 paths hidden}
     * @param network whether commands that ask for the network get it; worth telling a model, so that it does not
     *     try downloads that cannot work
     */
    record Active(String summary, boolean network) implements SandboxStatus {
        /** Checks the field. */
        public Active {
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public String describe() {
            return "active: " + summary;
        }
    }

    /**
     * The sandbox was wanted but cannot run here.
     *
     * @param reason why, e.g. {@code bwrap is not installed}
     * @param required whether the configuration requires it; then commands are refused, else they run unconfined
     */
    record Unavailable(String reason, boolean required) implements SandboxStatus {
        /** Checks the field. */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "unavailable (" + reason + "); " + (required
                    ? "commands are refused because the sandbox is required"
                    : "commands run unconfined, with the server's permissions");
        }
    }

    /**
     * No sandbox is used, on purpose: switched off in the configuration, or not offered by the host.
     *
     * @param reason why
     */
    record Off(String reason) implements SandboxStatus {
        /** Checks the field. */
        public Off {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "off (" + reason + "); commands run unconfined, with the server's permissions";
        }
    }
}
