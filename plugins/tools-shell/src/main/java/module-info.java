/**
 * The shell tool for the model: {@code bash}, run in the call's workspace with a timeout, a process-tree kill,
 * capped output and an environment stripped of secrets, in the host's process sandbox when it has one.
 */
module dev.jclaw.plugins.shell {
    requires dev.jclaw.api;

    provides dev.jclaw.api.Plugin with dev.jclaw.plugins.shell.ShellPlugin;
    provides dev.jclaw.api.tool.ToolProvider with dev.jclaw.plugins.shell.ShellTools;
}
