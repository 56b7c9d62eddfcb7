package dev.jclaw.plugins.shell;

import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;

/**
 * Checks the configuration and looks for bash before anything is registered: a bad key, a value of the wrong type
 * or range, or no bash on the machine makes the plugin FAILED, saying why.
 */
public final class ShellPlugin implements Plugin {

    private System.Logger log;

    /** Called by the service loader. */
    public ShellPlugin() {
    }

    @Override
    public void start(PluginContext context) {
        ShellConfig config = ShellConfig.from(context.config());
        Shell shell = Shell.locate(System.getenv());
        log = context.logger();
        log.log(System.Logger.Level.INFO, "bash tool ready: " + shell.bash() + ", "
                + (shell.ownProcessGroup() ? "one process group per command (" + shell.setsid().orElseThrow() + ")"
                        : "no working setsid --wait, so only a command's descendants can be killed")
                + "; timeout at most " + config.timeoutMax().toSeconds() + " s, kill grace "
                + Execution.seconds(config.killGrace()) + ", " + config.outputChars() + " characters kept per stream"
                + (config.allowEnv().isEmpty() ? "" : ", secrets allowed: " + String.join(", ", config.allowEnv())));
        // the host warns, once, when the sandbox is missing
        log.log(System.Logger.Level.INFO, "bash sandbox " + context.sandbox().status().describe());
        if (!shell.ownProcessGroup()) {
            log.log(System.Logger.Level.WARNING, "setsid --wait is not available; background processes whose "
                    + "parent has exited survive a timeout");
        }
    }

    @Override
    public void stop() {
        if (log != null) { // stop is also called after a start that threw
            log.log(System.Logger.Level.INFO, "bash tool stopped");
        }
    }
}
