package dev.jclaw.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.JClawConfig.ConnectionLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {
    @Test
    void accepted_sockets_send_small_writes_at_once() throws Exception {
        // a streamed answer is many small writes: with Nagle's algorithm each waited ~40 ms for the client's ACK
        try (ConnectionGuard guard = new ConnectionGuard(ConnectionLimits.DEFAULTS);
             ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            assertThat(client.isConnected()).isTrue();
            guard.socketOptions().configureSocket(accepted);
            assertThat(accepted.getOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
        }
    }
}
