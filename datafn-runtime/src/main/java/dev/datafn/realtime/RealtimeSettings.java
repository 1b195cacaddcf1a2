package dev.datafn.realtime;

import java.time.Duration;

/**
 * The limits and heartbeats of live connections (seed 000's {@code ws}).
 *
 * @param maxConnections             live connections this instance holds at most (default 10,000)
 * @param maxConnectionsPerNamespace live connections of one namespace at most (default 100)
 * @param heartbeatInterval          how often each connection is pinged (default 30 s)
 * @param heartbeatTimeout           how long a ping waits for its pong before the connection is closed, and
 *                                   how long one frame may take to write before the connection counts as
 *                                   one that cannot keep up (default 10 s)
 */
public record RealtimeSettings(int maxConnections, int maxConnectionsPerNamespace, Duration heartbeatInterval,
        Duration heartbeatTimeout) {

    /** Seed 000's defaults. */
    public static final RealtimeSettings DEFAULTS =
            new RealtimeSettings(10_000, 100, Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** Checks the values. */
    public RealtimeSettings {
        if (maxConnections < 1 || maxConnectionsPerNamespace < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerNamespace are at least 1");
        }
        if (heartbeatInterval.toMillis() < 1 || heartbeatTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeatIntervalMs and heartbeatTimeoutMs are at least 1");
        }
    }
}
