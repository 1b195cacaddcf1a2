package dev.datafn.search;

import dev.datafn.changelog.ChangeLogHorizonEntity;
import dev.datafn.db.DataStore;
import dev.datafn.db.SearchHit;
import dev.datafn.db.TextSearcher;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.query.ast.TextSearch;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import dev.datafn.sequence.SequenceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.hibernate.Session;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;

/**
 * The full-text index of the searchable resources, kept in step with the change log, one namespace at a
 * time: a namespace's part of the index holds every change up to its <em>mark</em>, a serverSeq. Catching
 * up reads the changes above the mark up to the settled seq, loads the records they name as they are now,
 * and indexes them (or removes those gone); when the change log was pruned above the mark, it indexes the
 * namespace's records anew instead. Every search catches its namespace up first, so it sees every write
 * committed before it, on whichever server instance; each commit on this instance also starts a catch-up in
 * the background, so searches rarely wait. A write that rolled back never reaches the change log, so never
 * the index. Namespaces are Hibernate Search's tenants: every index entry and every search carries one.
 *
 * <p>Marks live in memory: after a restart each namespace is caught up again from its first change (or
 * indexed anew), re-indexing what the index may already hold, which is harmless.
 */
public final class SearchIndex implements TextSearcher, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SearchIndex.class.getName());
    /** Records loaded and indexed per round trip. */
    private static final int CHUNK = 500;

    private final DataStore store;
    private final SequenceStore sequences;
    private final Map<String, ResourceSchema> searchable;
    private final Map<Namespace, Mark> marks = new ConcurrentHashMap<>();
    private final Set<Namespace> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("datafn-search-indexer").daemon().factory());
    private final Duration timeout;

    /** A namespace's mark, and the lock that lets one catch-up at a time move it. */
    private static final class Mark {
        final ReentrantLock lock = new ReentrantLock();
        long seq;
    }

    /**
     * @param store     the database, opened with {@link #hibernateProperties}
     * @param sequences the sequence store, for the settled seq
     * @param schema    the schema
     * @param timeout   how long one search may take before it fails, or {@code null} for no limit
     */
    public SearchIndex(DataStore store, SequenceStore sequences, Schema schema, Duration timeout) {
        this.store = store;
        this.sequences = sequences;
        this.searchable = searchableResources(schema);
        this.timeout = timeout == null ? Duration.ofDays(1) : timeout;
    }

    /** @param schema a schema @return whether any of its resources has a searchable field */
    public static boolean anySearchable(Schema schema) {
        return !searchableResources(schema).isEmpty();
    }

    private static Map<String, ResourceSchema> searchableResources(Schema schema) {
        Map<String, ResourceSchema> searchable = new LinkedHashMap<>();
        for (ResourceSchema resource : schema.resources()) {
            if (resource.fields().stream().anyMatch(FieldSchema::searchable)) {
                searchable.put(resource.name(), resource);
            }
        }
        return searchable;
    }

    /**
     * The Hibernate settings of the index: Hibernate Search on when the schema has searchable fields, with
     * indexing driven by this class (not by Hibernate's entity events, which bulk statements bypass), the
     * namespace as tenant, DataFn's analyzers, and the index in {@code directory} or, without one, in memory.
     *
     * @param enabled   whether there is an index: search is on and the schema has searchable fields
     * @param directory where the index lives on disk, or {@code null} to keep it in memory
     * @return the settings
     */
    public static Map<String, Object> hibernateProperties(boolean enabled, Path directory) {
        Map<String, Object> properties = new HashMap<>();
        if (!enabled) {
            properties.put("hibernate.search.enabled", "false");
            return properties;
        }
        properties.put("hibernate.search.indexing.listeners.enabled", "false");
        properties.put("hibernate.search.backend.multi_tenancy.strategy", "discriminator");
        properties.put("hibernate.search.backend.analysis.configurer", "class:" + DataFnAnalysis.class.getName());
        properties.put("hibernate.search.backend.lucene_version", "LATEST");
        if (directory == null) {
            properties.put("hibernate.search.backend.directory.type", "local-heap");
        } else {
            properties.put("hibernate.search.backend.directory.type", "local-filesystem");
            properties.put("hibernate.search.backend.directory.root", directory.toAbsolutePath().toString());
        }
        return properties;
    }

    /** @return the searchable resources, by name, in schema order */
    public Map<String, ResourceSchema> searchable() {
        return searchable;
    }

    /**
     * A write committed: catches its namespace up in the background, unless it wrote no searchable resource.
     *
     * @param write the write
     */
    public void heard(CommittedWrite write) {
        if (write.resources().stream().noneMatch(searchable::containsKey)) {
            return;
        }
        Namespace namespace = write.namespace();
        if (pending.add(namespace)) {
            try {
                background.execute(() -> {
                    pending.remove(namespace);
                    try {
                        catchUp(namespace);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "indexing the writes of " + namespace + " failed; the "
                                + "next search or write there tries again", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.remove(namespace);
            }
        }
    }

    /**
     * Brings the namespace's part of the index up to its settled seq.
     *
     * @param namespace the namespace
     */
    public void catchUp(Namespace namespace) {
        Mark mark = marks.computeIfAbsent(namespace, ns -> new Mark());
        mark.lock.lock();
        try {
            store.inReadOnlyTransaction(namespace, session -> {
                long settled = sequences.settled(session, namespace);
                if (settled <= mark.seq) {
                    return null;
                }
                SearchSession search = Search.session(session);
                search.indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.readSync());
                if (prunedThrough(session, namespace) > mark.seq) {
                    reindex(session, search);
                } else {
                    indexChanges(session, search, namespace, mark.seq, settled);
                }
                mark.seq = settled;
                return null;
            });
        } finally {
            mark.lock.unlock();
        }
    }

    private static long prunedThrough(Session session, Namespace namespace) {
        ChangeLogHorizonEntity horizon = session.find(ChangeLogHorizonEntity.class, namespace.value());
        return horizon == null ? 0 : horizon.getPrunedThrough();
    }

    /** Indexes the records the changes in (after, through] name, as they are now. */
    private void indexChanges(Session session, SearchSession search, Namespace namespace, long after, long through) {
        List<Object[]> changed = session.createSelectionQuery("select distinct c.resource, c.recordId "
                        + "from ChangeRecordEntity c where c.namespace = :namespace and c.serverSeq > :after "
                        + "and c.serverSeq <= :through and c.resource in :resources", Object[].class)
                .setParameter("namespace", namespace.value())
                .setParameter("after", after)
                .setParameter("through", through)
                .setParameterList("resources", searchable.keySet())
                .getResultList();
        Map<String, List<String>> idsByResource = new LinkedHashMap<>();
        for (Object[] change : changed) {
            idsByResource.computeIfAbsent((String) change[0], r -> new ArrayList<>()).add((String) change[1]);
        }
        SearchIndexingPlan plan = search.indexingPlan();
        idsByResource.forEach((resource, ids) -> {
            ResourceSchema schema = searchable.get(resource);
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                Set<String> missing = new java.util.HashSet<>(chunk);
                for (Object row : session.createSelectionQuery("from " + resource + " e where e.id in :ids",
                        schema.entityClass()).setParameterList("ids", chunk).getResultList()) {
                    plan.addOrUpdate(row);
                    missing.remove(((dev.datafn.internal.NamespacedRow) row).getId());
                }
                for (String id : missing) {
                    plan.purge(schema.entityClass(), id, null);
                }
                plan.execute();
                session.clear();
            }
        });
    }

    /** Indexes every searchable record of the session's namespace anew. */
    private void reindex(Session session, SearchSession search) {
        for (ResourceSchema resource : searchable.values()) {
            search.workspace(resource.entityClass()).purge();
            String after = "";
            while (true) {
                List<?> rows = session.createSelectionQuery("from " + resource.name()
                                + " e where e.id > :after order by e.id", resource.entityClass())
                        .setParameter("after", after).setMaxResults(CHUNK).getResultList();
                if (rows.isEmpty()) {
                    break;
                }
                SearchIndexingPlan plan = search.indexingPlan();
                rows.forEach(plan::addOrUpdate);
                plan.execute();
                after = ((dev.datafn.internal.NamespacedRow) rows.getLast()).getId();
                session.clear();
            }
        }
    }

    @Override
    public List<SearchHit> rank(Namespace namespace, ResourceSchema resource, TextSearch search,
            List<FieldSchema> fields, int max) {
        catchUp(namespace);
        String query = search.simpleQuery();
        List<SearchHit> hits = store.inReadOnlyTransaction(namespace, session -> Search.session(session)
                .search(resource.entityClass())
                .select(f -> f.composite().from(f.id(String.class), f.score())
                        .as((id, score) -> new SearchHit(resource.name(), id, score)))
                .where(f -> {
                    var step = f.simpleQueryString().field(fields.getFirst().name())
                            .boost(boost(search, fields.getFirst()));
                    for (FieldSchema field : fields.subList(1, fields.size())) {
                        step = step.field(field.name()).boost(boost(search, field));
                    }
                    return step.matching(query).defaultOperator(BooleanOperator.AND);
                })
                .failAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .fetchHits(max));
        List<SearchHit> ranked = new ArrayList<>(hits);
        ranked.sort(SearchHit.BEST_FIRST);
        return ranked;
    }

    private static float boost(TextSearch search, FieldSchema field) {
        return search.fieldBoosts().getOrDefault(field.name(), 1.0).floatValue();
    }

    /** Stops indexing in the background; the index closes with Hibernate. */
    @Override
    public void close() {
        background.shutdownNow();
    }
}
