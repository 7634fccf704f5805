package dev.modelregistry.rabbitmq;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of the broker, so a test can take the network away from
 * the sink and give it back: {@link #cut()} closes every forwarded connection and stops listening
 * (connections are refused, as when the broker is down), {@link #blackHole()} keeps the sockets
 * open but forwards nothing (as in a network partition), {@link #restore()} forwards again. Its
 * threads are daemons and end with their sockets. Thread-safe.
 */
final class TcpProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean blackHole;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptOn(server);
    }

    /** A proxy to {@code host:port}, forwarding from a free port on 127.0.0.1. */
    static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** Closes every connection and the listening socket: new connections are refused. */
    synchronized void cut() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            quietly(s);
        }
        closeConnections();
    }

    /** Keeps sockets open and accepts new ones, but drops every byte in both directions. */
    synchronized void blackHole() {
        blackHole = true;
    }

    /**
     * Forwards again: listens on the same port if {@link #cut()}, and closes the connections that
     * lost bytes to a {@link #blackHole()}.
     */
    synchronized void restore() {
        if (blackHole) {
            closeConnections();
            blackHole = false;
        }
        if (server == null) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("could not listen on port " + port + " again", e);
            }
            acceptOn(server);
        }
    }

    /** Stops it for good. */
    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, port));
        return s;
    }

    private void acceptOn(ServerSocket s) {
        daemon("proxy-accept-" + port, () -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = new Socket();
                    sockets.add(client);
                    sockets.add(upstream);
                    try {
                        upstream.connect(target, 2_000);
                    } catch (IOException e) {
                        quietly(client);
                        quietly(upstream);
                        continue;
                    }
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return; // the listening socket was closed by cut()
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        daemon("proxy-pump-" + port, () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!blackHole) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side went away: close both below
            } finally {
                quietly(from);
                quietly(to);
            }
        });
    }

    private void closeConnections() {
        for (Socket s : sockets) {
            quietly(s);
        }
    }

    private void quietly(Closeable c) {
        if (c instanceof Socket socket) {
            sockets.remove(socket);
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing is all we want; nothing to report
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
