package dev.jclaw.plugins.web;

import static dev.jclaw.plugins.web.Calls.content;
import static dev.jclaw.plugins.web.Calls.failure;
import static dev.jclaw.plugins.web.Calls.fetch;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.tool.Tool;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https goes through the relay to the checked address, with TLS end to end: the server sees the real host name in
 * SNI, and the client verifies the certificate against the host of the URL, not against the relay.
 */
class HttpsPinningTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path tmp;

    /** Resolves every name to 127.0.0.1, which the configuration allows; the system resolver knows none of them. */
    private static Tool webFetch(SSLContext trust) {
        return WebTools.webFetch(FetchSettings.from(Json.parseObject("{\"allow-hosts\": [\"127.0.0.1\"]}"), "test"),
                host -> List.of(InetAddress.ofLiteral("127.0.0.1")), trust);
    }

    @Nested
    class Handshake {
        @Test
        void reaches_the_checked_address_with_the_host_name_in_sni() throws Exception {
            try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
                CompletableFuture<byte[]> hello = CompletableFuture.supplyAsync(() -> {
                    try (Socket socket = raw.accept(); InputStream in = socket.getInputStream()) {
                        byte[] header = in.readNBytes(5); // a TLS record header, then the ClientHello
                        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                        byte[] record = new byte[5 + length];
                        System.arraycopy(header, 0, record, 0, 5);
                        in.readNBytes(record, 5, length);
                        return record;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                String message = failure(fetch(webFetch(SSLContext.getDefault()),
                        "https://secure.test:" + raw.getLocalPort() + "/"));

                byte[] bytes = hello.get(5, TimeUnit.SECONDS);
                assertThat(bytes[0]).as("TLS handshake record").isEqualTo((byte) 0x16);
                assertThat(new String(bytes, ISO_8859_1)).as("server name indication").contains("secure.test");
                assertThat(message).isEqualTo("fetching https://secure.test:" + raw.getLocalPort() + "/ failed: the"
                        + " server at 127.0.0.1 closed the connection without answering (during the TLS handshake)");
            }
        }
    }

    @Nested
    class With_a_certificate {
        @Test
        void fetches_the_page_when_the_certificate_names_the_host() throws Exception {
            KeyStore keys = keyStore("secure.test");
            HttpsServer server = httpsServer(keys);
            try {
                String url = "https://secure.test:" + server.getAddress().getPort() + "/doc";

                assertThat(content(fetch(webFetch(trusting(keys)), url))).isEqualTo("URL: " + url + "\n\nover TLS");
            } finally {
                server.stop(0);
            }
        }

        @Test
        void refuses_a_certificate_for_another_host() throws Exception {
            KeyStore keys = keyStore("other.test");
            HttpsServer server = httpsServer(keys);
            try {
                String url = "https://secure.test:" + server.getAddress().getPort() + "/doc";

                assertThat(failure(fetch(webFetch(trusting(keys)), url)))
                        .startsWith("fetching " + url + " failed: the TLS handshake failed: ")
                        .contains("secure.test");
            } finally {
                server.stop(0);
            }
        }
    }

    /** A self-signed certificate for one DNS name, made with the JDK's keytool. */
    private KeyStore keyStore(String name) throws Exception {
        Path file = tmp.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:" + name, "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), UTF_8);
        assertThat(keytool.waitFor()).as("keytool: " + output).isZero();
        return KeyStore.getInstance(file.toFile(), PASSWORD.toCharArray());
    }

    private static HttpsServer httpsServer(KeyStore keys) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/doc", exchange -> TestServer.send(exchange, 200, "text/plain", "over TLS".getBytes(UTF_8)));
        server.start();
        return server;
    }

    private static SSLContext trusting(KeyStore keys) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }
}
