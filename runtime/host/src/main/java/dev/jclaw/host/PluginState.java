package dev.jclaw.host;

/**
 * Where a plugin is in its life, OSGi style:
 * INSTALLED → RESOLVED → STARTING → ACTIVE → STOPPING → UNINSTALLED, or FAILED with a reason at any step.
 */
public enum PluginState {
    /** Found in the plugins directory; descriptor read and accepted. */
    INSTALLED,
    /** Its modules resolved and its layer is built. */
    RESOLVED,
    /** {@code Plugin.start} and the service factories are running. */
    STARTING,
    /** Its services are registered and serving. */
    ACTIVE,
    /** Draining in-flight calls, then stopping. */
    STOPPING,
    /** Stopped and unloaded; its layer is dropped. */
    UNINSTALLED,
    /** Could not be loaded or started; see the reason. */
    FAILED
}
