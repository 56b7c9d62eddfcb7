/**
 * The host's process sandbox ({@link dev.jclaw.api.process.ProcessSandbox}): bubblewrap when it works here, and,
 * sandbox or not, processes started from one long-lived thread and killed when the host dies. Made by
 * {@link dev.jclaw.core.sandbox.HostSandbox#create} from {@link dev.jclaw.core.sandbox.SandboxSettings}.
 */
package dev.jclaw.core.sandbox;
