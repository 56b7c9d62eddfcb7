package dev.jclaw.host;

import dev.jclaw.host.internal.PluginInstance;
import dev.jclaw.host.internal.Registrations.Owned;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs calls into plugins as calls in flight of the version that serves them, with that version's class loader as
 * the thread's context class loader. When a lookup finds a version that has just closed, the lookup is repeated
 * against the newer registrations, which the host published before closing the old version.
 */
final class Leases {
    private Leases() {
    }

    interface Call<T, R> {
        R apply(T service) throws Exception;
    }

    /**
     * Looks a service up and calls it inside a lease.
     *
     * @param lookup finds the service in the current registrations, or empty when it is not registered
     * @param call the call
     * @return the call's result, or empty when the service is not registered
     * @throws Exception what the call throws
     */
    static <T, R> Optional<R> call(Supplier<Optional<Owned<T>>> lookup, Call<T, R> call) throws Exception {
        while (true) {
            Optional<Owned<T>> found = lookup.get();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            PluginInstance owner = found.get().owner();
            if (!owner.tryEnter()) {
                Thread.onSpinWait();
                continue;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(owner.loader());
            try {
                return Optional.of(call.apply(found.get().value()));
            } finally {
                thread.setContextClassLoader(previous);
                owner.exit();
            }
        }
    }

    /**
     * Calls one known service inside a lease, without looking it up again.
     *
     * @param owned the service
     * @param call the call
     * @param ifGone the answer when its version has closed
     * @return the result
     */
    static <T, R> R callOwned(Owned<T> owned, Function<T, R> call, Supplier<R> ifGone) {
        PluginInstance owner = owned.owner();
        if (!owner.tryEnter()) {
            return ifGone.get();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(owner.loader());
        try {
            return call.apply(owned.value());
        } finally {
            thread.setContextClassLoader(previous);
            owner.exit();
        }
    }
}
