/**
 * The host's process sandbox ({@link dev.jclaw.api.process.ProcessSandbox}): bubblewrap when it works here, and,
 * sandbox or not, processes started from one long-lived thread and killed when the host dies. Built from the
 * {@code sandbox} section of the configuration by {@link dev.jclaw.core.sandbox.HostSandbox#forConfig}.
 */
package dev.jclaw.core.sandbox;
