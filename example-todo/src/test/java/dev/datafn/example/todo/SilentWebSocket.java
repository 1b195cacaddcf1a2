package dev.datafn.example.todo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket that never writes after its upgrade: it answers no ping, as a client
 * whose network vanished would not. What the server sends it is read frame by frame.
 */
final class SilentWebSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    /** A frame the server sent: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {

        static final int TEXT = 1;
        static final int CLOSE = 8;
        static final int PING = 9;

        /** @return the close code of a close frame */
        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /**
     * Opens a socket and upgrades it.
     *
     * @param port  the server's port on 127.0.0.1
     * @param token the bearer token
     * @throws IOException when the server does not switch protocols
     */
    SilentWebSocket(int port, String token) throws IOException {
        this(port, token, 0);
    }

    /**
     * Opens a socket with a receive buffer of a given size and upgrades it.
     *
     * @param port          the server's port on 127.0.0.1
     * @param token         the bearer token
     * @param receiveBuffer the socket's receive buffer in bytes, set before it connects so the window the
     *                      server sees is that small; 0 for the system's default
     * @throws IOException when the server does not switch protocols
     */
    SilentWebSocket(int port, String token, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) LiveSocket.PATIENCE.toMillis());
        in = socket.getInputStream();
        String upgrade = "GET /datafn/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
        String status = line();
        if (!status.contains(" 101 ")) {
            throw new IOException("the server did not switch protocols: " + status);
        }
        while (!line().isEmpty()) {
            // the handshake's headers
        }
    }

    /** @return the next frame, or {@code null} when the server closed the connection */
    Frame next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new Frame(first & 0x0f, in.readNBytes(length));
    }

    /** @return whether the server ended the connection (end of stream or reset) before the read timeout */
    boolean endedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
