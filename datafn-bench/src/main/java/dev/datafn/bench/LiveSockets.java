package dev.datafn.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many WebSocket clients of {@code /datafn/ws} in one JVM, on plain NIO: each socket does the HTTP upgrade
 * with a blocking write and read, then joins one selector thread that reads every socket's frames, answers
 * the server's pings with pongs and hands {@code hello} and {@code cursor} frames to a {@link Listener}.
 * {@code java.net.http}'s WebSocket keeps an HTTP client's machinery and several threads' worth of state per
 * socket, too heavy for 10,000; here a socket costs its channel, its selection key and a small {@link Conn}.
 * The bench runs them in a process of their own ({@link SocketClientProcess}), so the server's heap and file
 * descriptors hold none of the clients' share.
 *
 * <p>Only what the bench needs of RFC 6455: unfragmented frames from the server (DataFn's frames are
 * small), masked frames to it, no extensions. Frames are not parsed as JSON: the type and serverSeq are
 * picked out of the bytes ({@link #field}), so the clients spend as little of the shared cores as they can.
 */
final class LiveSockets implements AutoCloseable {

    /** Hears the frames, on the selector thread. */
    interface Listener {

        /**
         * @param conn      the socket
         * @param serverSeq the namespace's serverSeq when it connected
         */
        void hello(Conn conn, long serverSeq);

        /**
         * @param conn          the socket
         * @param serverSeq     the serverSeq the frame announces
         * @param receivedMicros {@link SharedClock#micros()} when the bytes were read
         */
        void cursor(Conn conn, long serverSeq, long receivedMicros);
    }

    /** One client socket; its fields are touched by the selector thread only, once it is registered. */
    static final class Conn {
        private final SocketChannel channel;
        private final String namespace;
        private byte[] leftover;
        private boolean closing;

        /** The newest serverSeq the socket has heard of, for the listener's bookkeeping. */
        long lastSeq;

        private Conn(SocketChannel channel, String namespace) {
            this.channel = channel;
            this.namespace = namespace;
        }

        /** @return the namespace the socket belongs to */
        String namespace() {
            return namespace;
        }
    }

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    private final InetSocketAddress server;
    private final String path;
    private final String token;
    private final Listener listener;
    private final Selector selector;
    private final Queue<Conn> joining = new ConcurrentLinkedQueue<>();
    private final List<Conn> open = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Thread loop;
    private volatile boolean running = true;

    private final AtomicLong hellos = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();

    /**
     * @param port     the server's port on 127.0.0.1
     * @param path     the endpoint, e.g. {@code /datafn/ws}
     * @param token    the bearer token every socket sends
     * @param listener hears the frames
     * @throws IOException when no selector can be opened
     */
    LiveSockets(int port, String path, String token, Listener listener) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.path = path;
        this.token = token;
        this.listener = listener;
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().name("live-sockets").daemon().start(this::run);
    }

    /**
     * Connects one socket and upgrades it; the selector thread reads it from then on.
     *
     * @param namespace the namespace it asks for (the bench's {@code X-Namespace} header)
     * @throws IOException when the connection or the upgrade fails
     */
    void open(String namespace) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n" + Bench.NAMESPACE_HEADER.defaultCase() + ": "
                    + namespace + "\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(4096);
            int end;
            while ((end = headEnd(in)) < 0) {
                if (!in.hasRemaining() || channel.read(in) < 0) {
                    throw new IOException("the server closed the socket during the upgrade");
                }
            }
            String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(head));
            }
            Conn conn = new Conn(channel, namespace);
            // The hello may have come in the same read as the answer to the upgrade.
            if (in.position() > end + 4) {
                conn.leftover = java.util.Arrays.copyOfRange(in.array(), end + 4, in.position());
            }
            channel.configureBlocking(false);
            joining.add(conn);
            selector.wakeup();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the hello frames received */
    long hellos() {
        return hellos.get();
    }

    /** @return the pings received (each answered with a pong) */
    long pings() {
        return pings.get();
    }

    /** @return the sockets the server closed, with a close frame or by ending the connection */
    long closedByServer() {
        return closedByServer.get();
    }

    /** @return the error frames received */
    long errorFrames() {
        return errorFrames.get();
    }

    private void run() {
        try {
            while (running) {
                selector.select(100);
                Conn joined;
                while ((joined = joining.poll()) != null) {
                    joined.channel.register(selector, SelectionKey.OP_READ, joined);
                    open.add(joined);
                    if (joined.leftover != null) {
                        ByteBuffer early = ByteBuffer.wrap(joined.leftover);
                        joined.leftover = null;
                        frames(joined, early);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    read((Conn) key.attachment());
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("live sockets: the selector loop failed: " + e);
            }
        }
    }

    private void read(Conn conn) {
        readBuffer.clear();
        if (conn.leftover != null) {
            readBuffer.put(conn.leftover);
            conn.leftover = null;
        }
        int n;
        try {
            n = conn.channel.read(readBuffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            lost(conn);
            return;
        }
        readBuffer.flip();
        frames(conn, readBuffer);
    }

    /** Handles every whole frame in {@code in} and keeps the rest for the next read. */
    private void frames(Conn conn, ByteBuffer in) {
        long now = SharedClock.micros();
        while (in.remaining() >= 2) {
            int start = in.position();
            int first = in.get() & 0xff;
            long length = in.get() & 0x7f;
            if (length == 126) {
                length = in.remaining() >= 2 ? in.getShort() & 0xffff : -1;
            } else if (length == 127) {
                length = in.remaining() >= 8 ? in.getLong() : -1;
            }
            if (length < 0 || in.remaining() < length) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            switch (first & 0x0f) {
                case OPCODE_TEXT -> text(conn, payload, now);
                case OPCODE_PING -> {
                    pings.incrementAndGet();
                    send(conn, OPCODE_PONG, payload);
                }
                case OPCODE_CLOSE -> {
                    lost(conn);
                    return;
                }
                default -> {
                    // Pongs and continuations: DataFn sends neither unasked.
                }
            }
        }
        if (in.hasRemaining()) {
            conn.leftover = new byte[in.remaining()];
            in.get(conn.leftover);
        }
    }

    private void text(Conn conn, byte[] payload, long now) {
        String frame = new String(payload, StandardCharsets.UTF_8);
        String type = field(frame, "type");
        String seq = field(frame, "serverSeq");
        if (type == null || seq == null) {
            errorFrames.incrementAndGet();
            return;
        }
        try {
            switch (type) {
                case "hello" -> {
                    hellos.incrementAndGet();
                    listener.hello(conn, Long.parseLong(seq));
                }
                case "cursor" -> listener.cursor(conn, Long.parseLong(seq), now);
                default -> errorFrames.incrementAndGet();
            }
        } catch (NumberFormatException e) {
            errorFrames.incrementAndGet();
        }
    }

    /**
     * The value of a top-level string or number member of one of DataFn's flat frames, e.g. {@code cursor} of
     * {@code "type":"cursor"} or {@code 42} of {@code "serverSeq":42}; null when the frame has no such member.
     * The server writes its frames compactly, without spaces around the colon.
     */
    static String field(String frame, String name) {
        String key = "\"" + name + "\":";
        int at = frame.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        if (start < frame.length() && frame.charAt(start) == '"') {
            int end = frame.indexOf('"', start + 1);
            return end < 0 ? null : frame.substring(start + 1, end);
        }
        int end = start;
        while (end < frame.length() && (Character.isDigit(frame.charAt(end)) || frame.charAt(end) == '-')) {
            end++;
        }
        return end == start ? null : frame.substring(start, end);
    }

    /** Sends a masked frame of at most 125 bytes, as a client must. */
    private static void send(Conn conn, int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        frame.flip();
        try {
            // A few bytes into an idle socket's empty send buffer: one write takes them all.
            conn.channel.write(frame);
        } catch (IOException e) {
            // The read that follows sees the connection end and counts it.
        }
    }

    private void lost(Conn conn) {
        if (!conn.closing) {
            conn.closing = true;
            if (running) {
                closedByServer.incrementAndGet();
            }
        }
        try {
            conn.channel.close();
        } catch (IOException e) {
            // Closing a socket that is gone already.
        }
    }

    /** Closes every socket with 1000 (normal closure) and stops the selector thread. */
    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join();
        for (Conn conn : open) {
            conn.closing = true;
            if (conn.channel.isOpen()) {
                send(conn, OPCODE_CLOSE, new byte[] {0x03, (byte) 0xe8});
                conn.channel.close();
            }
        }
        selector.close();
    }

    /** @return the index of the blank line that ends the HTTP head in {@code in}, or -1 */
    private static int headEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = 0; i + 3 < in.position(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
