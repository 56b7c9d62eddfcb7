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

    /**
     * A call in flight on one plugin version. Closing it ends the call; {@link #handOff()} instead keeps the version
     * serving until the returned release runs, for work that outlives the calling thread's stack (a streamed body).
     */
    static final class Lease<T> implements AutoCloseable {
        private final Owned<T> owned;
        private final ClassLoader previous;
        private boolean handedOff;

        private Lease(Owned<T> owned) {
            this.owned = owned;
            this.previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(owned.owner().loader());
        }

        T service() {
            return owned.value();
        }

        Runnable handOff() {
            handedOff = true;
            PluginInstance owner = owned.owner();
            return owner::exit;
        }

        @Override
        public void close() {
            Thread.currentThread().setContextClassLoader(previous);
            if (!handedOff) {
                owned.owner().exit();
            }
        }
    }

    /**
     * Looks a service up and enters a call on the version that offers it.
     *
     * @param lookup finds the service in the current registrations, or empty when it is not registered
     * @return the lease, or empty when the service is not registered
     */
    static <T> Optional<Lease<T>> acquire(Supplier<Optional<Owned<T>>> lookup) {
        while (true) {
            Optional<Owned<T>> found = lookup.get();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.get().owner().tryEnter()) {
                return Optional.of(new Lease<>(found.get()));
            }
            Thread.onSpinWait();
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
        if (!owned.owner().tryEnter()) {
            return ifGone.get();
        }
        try (Lease<T> lease = new Lease<>(owned)) {
            return call.apply(lease.service());
        }
    }
}
