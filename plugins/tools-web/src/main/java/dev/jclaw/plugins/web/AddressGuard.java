package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a URL's host may be contacted, by resolving it once and checking every address it resolves to:
 * one non-public address refuses the host, unless {@code allow-hosts} names the host or covers that address. The
 * caller then connects to the addresses checked here and nowhere else, which is what defeats DNS rebinding.
 * Thread-safe.
 */
final class AddressGuard {

    /** Whether a host may be contacted. */
    sealed interface Clearance {
        /** @param addresses the checked addresses, in the resolver's order, to connect to and nowhere else */
        record Cleared(List<InetAddress> addresses) implements Clearance {
            public Cleared {
                addresses = List.copyOf(addresses);
            }
        }

        /** @param message one sentence for the model: which host, which address, and why */
        record Refused(String message) implements Clearance {
        }
    }

    private static final String HOW_TO_ALLOW = "; only public addresses are fetched unless"
            + " plugins.config.tools-web.allow-hosts lists the host";

    private final AllowList allowList;
    private final Resolver resolver;

    AddressGuard(AllowList allowList, Resolver resolver) {
        this.allowList = allowList;
        this.resolver = resolver;
    }

    /**
     * Resolves and checks the URL's host.
     *
     * @param url the URL about to be fetched
     * @param deadline when to give up waiting for the resolver
     * @return the verdict
     * @throws TimeoutException when the lookup outlasts the deadline
     * @throws InterruptedException when the call is aborted
     */
    Clearance clear(WebUrl url, Instant deadline) throws TimeoutException, InterruptedException {
        Optional<InetAddress> literal = url.ipLiteral();
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = lookup(url.lookupHost(), deadline);
            } catch (UnknownHostException e) {
                return new Clearance.Refused("the host '" + url.lookupHost() + "' does not resolve; check the URL");
            }
        }
        if (literal.isEmpty() && allowList.allowsName(url.lookupHost(), url.port())) {
            return new Clearance.Cleared(addresses);
        }
        for (InetAddress address : addresses) {
            if (allowList.allowsAddress(address, url.port())) {
                continue;
            }
            Optional<String> refusal = AddressPolicy.refusal(address);
            if (refusal.isPresent()) {
                String shown = address.getHostAddress();
                return new Clearance.Refused(literal.isPresent()
                        ? "web_fetch refuses " + url.host() + ": it is " + refusal.get() + HOW_TO_ALLOW
                        : "web_fetch refuses '" + url.lookupHost() + "': it resolves to " + shown + ", "
                                + refusal.get() + HOW_TO_ALLOW);
            }
        }
        return new Clearance.Cleared(addresses);
    }

    /** Runs the blocking lookup on a virtual thread, so that the deadline holds even when DNS hangs. */
    private List<InetAddress> lookup(String host, Instant deadline)
            throws UnknownHostException, TimeoutException, InterruptedException {
        FutureTask<List<InetAddress>> task = new FutureTask<>(() -> resolver.resolve(host));
        Thread.ofVirtual().name("web_fetch-dns").start(task);
        try {
            List<InetAddress> addresses = task.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause());
        } finally {
            task.cancel(true);
        }
    }
}
