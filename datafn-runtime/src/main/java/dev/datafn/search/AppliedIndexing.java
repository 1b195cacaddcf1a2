package dev.datafn.search;

import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategyConfigurationContext;

/**
 * Waits until an indexing plan's changes are in the index writer, neither committed nor refreshed: what a
 * catch-up that no search waits for needs. A search refreshes its reader itself when the index changed (the
 * backend's refresh interval is 0), so it sees these changes. Forcing a refresh per plan instead writes a
 * small segment each time; and with a tenant on every document, each update is a delete by query, which
 * Lucene runs against every segment, so the more segments, the dearer each indexed write.
 */
final class AppliedIndexing implements IndexingPlanSynchronizationStrategy {

    /** The one instance. */
    static final AppliedIndexing INSTANCE = new AppliedIndexing();

    private AppliedIndexing() {
    }

    @Override
    public void apply(IndexingPlanSynchronizationStrategyConfigurationContext context) {
        context.documentCommitStrategy(DocumentCommitStrategy.NONE);
        context.documentRefreshStrategy(DocumentRefreshStrategy.NONE);
        context.indexingFutureHandler(future -> {
            var report = future.join();
            report.throwable().ifPresent(t -> {
                throw new IllegalStateException("indexing failed for " + report.failingEntities(), t);
            });
        });
    }
}
