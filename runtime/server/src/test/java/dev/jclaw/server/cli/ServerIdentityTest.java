package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords and keys go only to a server whose address is this machine's. */
class ServerIdentityTest {
    @Test
    void loopback_wildcard_and_local_names_are_this_machine() {
        for (String host : new String[] {"127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0", "[::]"}) {
            assertThat(ServerIdentity.onThisMachine(host)).as(host).isTrue();
        }
    }

    @Test
    void other_addresses_and_unknown_names_are_not() {
        for (String host : new String[] {"192.0.2.1", "[2001:db8::1]", "no-such-host.invalid", "", "[]"}) {
            assertThat(ServerIdentity.onThisMachine(host)).as(host).isFalse();
        }
    }
}
