package dev.datafn.db;

/**
 * The connection pool at one moment, for the pool gauges.
 *
 * @param active  connections lent out to work in progress
 * @param idle    connections open and waiting to be lent
 * @param total   connections open
 * @param waiting threads waiting for a connection
 * @param max     the most connections the pool opens
 */
public record PoolStats(int active, int idle, int total, int waiting, int max) {
}
