package dev.jclaw.core.hook;

import dev.jclaw.api.hook.Hook;
import java.util.Objects;

/**
 * A hook and who registered it: a plugin id, or {@link HookChain#RUNTIME} for the runtime's own hooks. The owner
 * names the hook in logs when it fails.
 *
 * @param ownerId the plugin id, or {@code runtime}
 * @param hook the hook
 */
public record RegisteredHook(String ownerId, Hook hook) {
    /** Checks the fields. */
    public RegisteredHook {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(hook, "hook");
    }

    /**
     * A hook of the runtime.
     *
     * @param hook the hook
     * @return it, owned by {@code runtime}
     */
    public static RegisteredHook runtime(Hook hook) {
        return new RegisteredHook(HookChain.RUNTIME, hook);
    }
}
