/**
 * Starting operating-system processes the way the host wants them started: confined in the host's sandbox when it
 * has one, and tied to the host's life so that nothing a plugin started outlives the server. The bash tool uses it;
 * a bridge to MCP servers over stdio is meant to use the same.
 *
 * <pre>{@code
 * ProcessSandbox sandbox = context.sandbox();
 * List<String> argv = sandbox.confine(new SandboxCommand(List.of("bash", "-c", text), workspace, true));
 * Process process = sandbox.start(new ProcessBuilder(argv).directory(workspace.toFile()));
 * }</pre>
 *
 * @since 1.2
 */
package dev.jclaw.api.process;
