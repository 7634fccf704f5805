package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Several JVMs on one embedded registry directory: H2's {@code AUTO_SERVER} mode, where the first
 * process hosts the database file and serves the others over TCP.
 */
class EmbeddedManyProcessesTest extends ManyProcessesContract {

    @Override
    protected Backend backend() {
        return Backend.embedded(dir.resolve("registry"));
    }

    @Test
    void theHostingProcessServesOnlyTheLoopbackInterface() throws Exception {
        Child host = start("host", "host").awaitReady();
        int port = serverPort();

        try (Socket local = new Socket()) {
            local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            assertThat(local.isConnected()).isTrue();
        }
        List<InetAddress> external = externalAddresses();
        for (InetAddress address : external) {
            assertThatThrownBy(() -> {
                try (Socket remote = new Socket()) {
                    remote.connect(new InetSocketAddress(address, port), 10_000);
                }
            }).as("connecting to the H2 server through %s", address)
                    .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
        }

        host.closeInput();
        host.awaitSuccess();
    }

    /** The port of the H2 server, which the hosting process writes to {@code metadata.lock.db}. */
    private int serverPort() throws IOException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(backend().root().resolve("metadata.lock.db"))) {
            lock.load(in);
        }
        String server = lock.getProperty("server");
        assertThat(server).as("the server address in the lock file").isNotNull();
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    /** This machine's addresses that other machines could connect to. */
    private static List<InetAddress> externalAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : nic.inetAddresses().toList()) {
                // A link-local IPv6 address needs its scope to be reached at all; skip it.
                boolean linkLocalV6 = address instanceof Inet6Address && address.isLinkLocalAddress();
                if (!address.isLoopbackAddress() && !linkLocalV6) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }
}
