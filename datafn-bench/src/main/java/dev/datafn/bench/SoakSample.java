package dev.datafn.bench;

import dev.datafn.db.PoolStats;

/**
 * What the soak read of the server process at the end of one minute, and what the load did in that minute.
 *
 * @param minute          the minute that ended, from 1; 0 for the reading before the load starts
 * @param heapAfterGc     heap in use right after a full collection ({@code System.gc()}), bytes
 * @param threads         live platform threads of the JVM (virtual threads are not counted by the JVM)
 * @param fileDescriptors open file descriptors of the process: sockets (HTTP, WebSocket, JDBC) and files
 * @param pool            DataFn's connection pool
 * @param pgBackends      PostgreSQL's backends connected to the bench's database (every pool of the
 *                        process), or -1 when the database is not PostgreSQL
 * @param serverSockets   live sockets the server's hub holds
 * @param clientSockets   live sockets the client process holds open meanwhile (the hub should hold as many)
 * @param requests        the HTTP requests of the minute, by kind
 * @param socketsOpened   sockets opened and greeted in the minute
 * @param cursorFrames    cursor frames the sockets received in the minute
 * @param socketErrors    in the minute: sockets the server closed, error frames, opens that failed
 * @param serverCpu       the share of all cores the server process used in the minute, 0 to 1
 * @param othersCpu       the share of all cores other programs used (the socket client process among
 *                        them; PostgreSQL not), 0 to 1
 */
record SoakSample(int minute, long heapAfterGc, int threads, long fileDescriptors, PoolStats pool, int pgBackends,
        int serverSockets, int clientSockets, SoakLoad.Counts requests, long socketsOpened, long cursorFrames,
        long socketErrors, double serverCpu, double othersCpu) {

    /** The header of {@link #markdownRow()}'s table. */
    static final String MARKDOWN_HEADER = "| minute | heap after GC | threads | file descriptors | pool active / idle /"
            + " total | PostgreSQL backends | WebSockets (server / client) | queries | writes | pulls | clones"
            + " | sockets opened | cursor frames | errors | server CPU | other programs |\n"
            + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

    /** The header of {@link #csvRow()}. */
    static final String CSV_HEADER = "minute,heap_after_gc_mb,threads,file_descriptors,pool_active,pool_idle,pool_total,"
            + "pg_backends,ws_server,ws_client,queries,writes,pulls,clones,sockets_opened,cursor_frames,"
            + "request_errors,socket_errors,server_cpu_pct,others_cpu_pct";

    /** @return the heap after GC in MB */
    double heapMb() {
        return heapAfterGc / (1024.0 * 1024.0);
    }

    /** @return every error of the minute: failed requests and socket failures */
    long errors() {
        return requests.allErrors() + socketErrors;
    }

    /** @return the minute as a row of the Markdown table */
    String markdownRow() {
        return "| %d | %.1f MB | %d | %d | %d / %d / %d | %s | %d / %d | %d | %d | %d | %d | %d | %d | %d | %.0f%% | %.0f%% |"
                .formatted(minute, heapMb(), threads, fileDescriptors, pool.active(), pool.idle(), pool.total(),
                        pgBackends < 0 ? "–" : Integer.toString(pgBackends), serverSockets, clientSockets,
                        count(SoakLoad.Kind.QUERY), count(SoakLoad.Kind.WRITE), count(SoakLoad.Kind.PULL),
                        count(SoakLoad.Kind.CLONE), socketsOpened, cursorFrames, errors(), serverCpu * 100,
                        othersCpu * 100);
    }

    /** @return the minute as a CSV line */
    String csvRow() {
        return "%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f,%.1f".formatted(minute, heapMb(), threads,
                fileDescriptors, pool.active(), pool.idle(), pool.total(), pgBackends, serverSockets, clientSockets,
                count(SoakLoad.Kind.QUERY), count(SoakLoad.Kind.WRITE), count(SoakLoad.Kind.PULL),
                count(SoakLoad.Kind.CLONE), socketsOpened, cursorFrames, requests.allErrors(), socketErrors,
                serverCpu * 100, othersCpu * 100);
    }

    private long count(SoakLoad.Kind kind) {
        return requests.done().get(kind);
    }
}
