package dev.datafn.config;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the change log and idempotency records are kept (seed 000's {@code retention}). A retry of
 * a mutation whose idempotency record has expired is applied as a new mutation, so keep idempotency
 * records at least as long as clients may retry (offline clients: as long as they may stay offline).
 *
 * @param changeLogDays   days a change record is kept; 0 keeps it forever
 * @param idempotencyDays days an idempotency record is kept; 0 keeps it forever
 * @param pruneOnStartup  whether to delete expired records when the engine starts
 * @param pruneIntervalMs how often to delete expired records while running; 0 never
 */
public record Retention(int changeLogDays, int idempotencyDays, boolean pruneOnStartup, long pruneIntervalMs) {

    /** Keeps everything, prunes nothing: the default, as in seed 000. */
    public static final Retention KEEP_ALL = new Retention(0, 0, false, 0);

    /** Checks that no period is negative. */
    public Retention {
        if (changeLogDays < 0 || idempotencyDays < 0 || pruneIntervalMs < 0) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
    }

    /**
     * @param createdAt when an idempotency record was written
     * @param now       the server time
     * @return whether the record is past its retention and no longer answers retries
     */
    public boolean idempotencyExpired(Instant createdAt, Instant now) {
        return idempotencyDays > 0 && createdAt.plus(Duration.ofDays(idempotencyDays)).isBefore(now);
    }

    /** @param now the server time @return the oldest change record time still kept, or {@code null} */
    public Instant changeLogCutoff(Instant now) {
        return changeLogDays == 0 ? null : now.minus(Duration.ofDays(changeLogDays));
    }

    /** @param now the server time @return the oldest idempotency record time still kept, or {@code null} */
    public Instant idempotencyCutoff(Instant now) {
        return idempotencyDays == 0 ? null : now.minus(Duration.ofDays(idempotencyDays));
    }
}
