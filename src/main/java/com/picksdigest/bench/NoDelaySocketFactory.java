package com.picksdigest.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Without it each message stalls about 45 ms on loopback and LANs: Nagle's
 * algorithm holds the last small SMTP write until the server's delayed ACK (measured in shared/STACK.md).
 */
public final class NoDelaySocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return tune(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tune(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return tune(new Socket(host, port, local, localPort));
    }

    private static Socket tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
