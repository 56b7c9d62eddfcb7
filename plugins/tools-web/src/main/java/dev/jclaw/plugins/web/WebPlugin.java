package dev.jclaw.plugins.web;

import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;
import java.util.List;

/**
 * Checks the configuration before anything is registered: a bad {@code plugins.config.tools-web} makes the plugin
 * FAILED with a message naming the key. Holds no resources: every fetch opens and closes its own.
 */
public final class WebPlugin implements Plugin {

    /** Called by the service loader. */
    public WebPlugin() {
    }

    @Override
    public void start(PluginContext context) {
        FetchSettings settings = FetchSettings.from(context.config(), context.descriptor().version());
        context.logger().log(System.Logger.Level.INFO, "tools-web " + context.descriptor().version()
                + " started; timeout " + settings.timeout().toSeconds() + " s, max " + settings.maxBytes()
                + " bytes, allowed non-public hosts: " + describe(settings.allowList()));
    }

    @Override
    public void stop() {
        // nothing to release
    }

    private static String describe(AllowList allowList) {
        List<String> entries = allowList.describe();
        return entries.isEmpty() ? "none" : String.join(", ", entries);
    }
}
