package dev.datafn.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.engine.backend.work.execution.OperationSubmitter;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.spi.BatchMappingContext;
import org.hibernate.search.mapper.pojo.work.spi.PojoIndexer;

/**
 * Adds documents for records known to be absent from the index, without the delete by query that an
 * update begins with. Hibernate Search's ORM API only updates ({@code addOrUpdate}); adding is the indexer
 * of its batch SPI ({@code org.hibernate.search.mapper.orm.spi}), which its mass indexer uses the same way.
 * An added record that was in the index after all would be there twice, so callers decide with
 * {@link AbsentRecords}.
 */
final class DocumentAdds {

    private final BatchMappingContext mapping;

    private DocumentAdds(BatchMappingContext mapping) {
        this.mapping = mapping;
    }

    /**
     * @param sessionFactory a session factory with Hibernate Search on
     * @return the adds, or {@code null} when the mapping does not offer the batch SPI (another Hibernate
     *         Search version): every record is then updated
     */
    static DocumentAdds of(SessionFactory sessionFactory) {
        return Search.mapping(sessionFactory) instanceof BatchMappingContext batch ? new DocumentAdds(batch) : null;
    }

    /**
     * Adds the records' documents and waits until the index writer has them (neither committed nor
     * refreshed: a search refreshes its reader itself).
     *
     * @param session    the session the records were loaded in, whose namespace is their tenant
     * @param entityName the records' entity name
     * @param records    the loaded records
     */
    void add(Session session, String entityName, List<Object> records) {
        if (records.isEmpty()) {
            return;
        }
        PojoIndexer indexer = mapping.sessionContext(session).createIndexer();
        var type = mapping.typeContextProvider().byEntityName().getOrFail(entityName).typeIdentifier();
        List<CompletableFuture<?>> added = new ArrayList<>(records.size());
        for (Object record : records) {
            added.add(indexer.add(type, null, null, record, DocumentCommitStrategy.NONE,
                    DocumentRefreshStrategy.NONE, OperationSubmitter.blocking()));
        }
        CompletableFuture.allOf(added.toArray(CompletableFuture[]::new)).join();
    }
}
