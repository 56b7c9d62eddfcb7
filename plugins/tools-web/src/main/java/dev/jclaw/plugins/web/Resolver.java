package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a host name; the system resolver in production. Must be thread-safe. */
@FunctionalInterface
interface Resolver {

    /** The JVM's resolver: {@link InetAddress#getAllByName}. */
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Returns every address of a host name.
     *
     * @param host a DNS name, never an IP literal
     * @return the addresses, at least one
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
