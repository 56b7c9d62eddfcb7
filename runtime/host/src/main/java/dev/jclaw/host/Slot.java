package dev.jclaw.host;

import dev.jclaw.host.internal.PluginInstance;

/** What the host knows of one source in the plugins directory. Changed under the host's lock, except as noted. */
final class Slot {
    DirectoryWatcher.Fingerprint fingerprint;
    // also set by a thread that started the plugin, when it registers the plugin before the round ends
    volatile PluginInstance active;
    // also set by the threads that start plugins; read without the lock by listings
    volatile PluginInfo info;

    /**
     * A placeholder for a removed plugin: listed as STOPPING, then UNINSTALLED, until its file comes back.
     *
     * @param info what was known of the plugin
     * @return the placeholder
     */
    static Slot gone(PluginInfo info) {
        Slot gone = new Slot();
        gone.fingerprint = DirectoryWatcher.Fingerprint.GONE;
        gone.info = info.with(PluginState.STOPPING, "");
        return gone;
    }
}
