package dev.datafn.search;

import dev.datafn.changelog.ChangeLogHorizonEntity;
import dev.datafn.db.DataStore;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.db.SearchHit;
import dev.datafn.db.TextSearcher;
import dev.datafn.mutation.Operation;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.hibernate.Session;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.util.common.SearchTimeoutException;
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
 * <p>With the index on disk ({@link SearchDirectory}), the marks are saved beside it, each second when one
 * moved and at close, always after the index committed what they cover; a restart finds both and goes on
 * from the marks. When the directory holds no index (or none of this database and schema), every namespace
 * with rows in a searchable table is indexed anew from its rows in the background from startup on, and a
 * search in a namespace not yet done does it first. Without a directory the index lives in memory, and each
 * namespace is indexed anew from its rows at its first search or write after a start. {@link #reindexAll}
 * rebuilds the whole index from the database.
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
    /** The highest committed seq heard per queued namespace, where the store settles seqs at commit. */
    private final Map<Namespace, Long> heardSettled = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("datafn-search-indexer").daemon().factory());
    private final Duration timeout;
    /** Where the index and its marks are kept, or {@code null} for an index in memory. */
    private final SearchDirectory directory;
    /** Whether a namespace without a mark yet is indexed anew from its rows: the index holds nothing of it. */
    private volatile boolean rebuildUnmarked;
    /** Set when the startup rebuild must stop: the index is closing, or a whole rebuild took over. */
    private volatile boolean startupRebuildStopped;
    /** Whether a mark moved since the marks were last saved. */
    private final AtomicBoolean marksMoved = new AtomicBoolean();
    /** Held while the marks are saved, and while namespaces are set to be indexed anew. */
    private final Object saving = new Object();
    private final ScheduledExecutorService saver;
    /** Adds documents without a delete first; {@code null} when Hibernate Search does not offer it. */
    private final DocumentAdds adds;

    /**
     * A namespace's mark, and the lock that lets one catch-up at a time move it. {@code seq} and
     * {@code rebuild} change under the lock; the saver reads them without it, {@code rebuild} first.
     */
    private static final class Mark {
        final ReentrantLock lock = new ReentrantLock();
        /** The serverSeq the index holds every change of the namespace up to. */
        volatile long seq;
        /** Whether the namespace is to be indexed anew from its rows: what the index holds of it is unknown. */
        volatile boolean rebuild;
        /** Which records certainly have no document, for adding them without a delete first; under the lock. */
        final AbsentRecords absent = new AbsentRecords();

        Mark(long seq, boolean rebuild) {
            this.seq = seq;
            this.rebuild = rebuild;
        }
    }

    /**
     * @param store     the database, opened with {@link #hibernateProperties}
     * @param sequences the sequence store, for the settled seq
     * @param schema    the schema
     * @param timeout   how long one search may take before it fails, or {@code null} for no limit
     * @param directory where the index is kept on disk, opened before the database; {@code null} for an
     *                  index in memory
     */
    public SearchIndex(DataStore store, SequenceStore sequences, Schema schema, Duration timeout,
            SearchDirectory directory) {
        this.store = store;
        this.sequences = sequences;
        this.searchable = searchableResources(schema);
        this.timeout = timeout == null ? Duration.ofDays(1) : timeout;
        this.directory = directory;
        this.rebuildUnmarked = directory == null || !directory.kept();
        this.adds = DocumentAdds.of(store.sessionFactory());
        if (directory == null) {
            saver = null;
            return;
        }
        directory.keptMarks().forEach((namespace, seq) -> marks.put(namespace, new Mark(seq, false)));
        saver = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("datafn-search-marks").daemon().factory());
        saver.scheduleWithFixedDelay(this::saveMovedMarks, 1, 1, TimeUnit.SECONDS);
        if (!directory.kept()) {
            background.execute(this::rebuildAtStartup);
        }
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
        // The mapping is the @Indexed entities Hibernate ORM already knows; without these, Hibernate Search builds
        // a Jandex index of every jar holding an entity at each start, looking for annotations DataFn never
        // uses (projection constructors, root mappings): two thirds of its boot.
        properties.put("hibernate.search.mapping.discover_annotated_types_from_root_mapping_annotations", "false");
        properties.put("hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false");
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
        if (sequences.settledAtCommit()) {
            // Before the namespace is queued: the catch-up that takes it out of the queue then finds this seq.
            heardSettled.merge(namespace, write.lastServerSeq(), Math::max);
        }
        if (pending.add(namespace)) {
            try {
                background.execute(() -> {
                    pending.remove(namespace);
                    Long settled = heardSettled.remove(namespace);
                    try {
                        catchUp(namespace, settled == null ? -1 : settled, false, AppliedIndexing.INSTANCE,
                                indexed -> {
                                });
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
        catchUp(namespace, -1, false, IndexingPlanSynchronizationStrategy.readSync(), indexed -> {
        });
    }

    /**
     * Catches the namespace up, or indexes it anew from its rows when {@code rebuild} (or its mark) says so,
     * telling {@code indexed} how many records each chunk indexed anew. {@code knownSettled} is a seq known to
     * be settled (a committed write's, on a store that settles at commit), or -1 to read the settled seq.
     * {@code visibility} says when its indexing plans return: {@code readSync} when a search waits to see
     * them, {@link AppliedIndexing} otherwise.
     */
    private void catchUp(Namespace namespace, long knownSettled, boolean rebuild,
            IndexingPlanSynchronizationStrategy visibility, java.util.function.LongConsumer indexed) {
        Mark mark = marks.computeIfAbsent(namespace, ns -> new Mark(0, rebuildUnmarked));
        mark.lock.lock();
        try {
            store.inReadOnlyTransaction(namespace, session -> {
                // Read before the rows: a write committed after it is above the mark, so the next catch-up has it.
                long settled = knownSettled >= 0 ? knownSettled : sequences.settled(session, namespace);
                if (!rebuild && !mark.rebuild && settled <= mark.seq) {
                    return null;
                }
                SearchSession search = Search.session(session);
                search.indexingPlanSynchronizationStrategy(visibility);
                if (rebuild || mark.rebuild || prunedThrough(session, namespace) > mark.seq) {
                    reindex(session, search, indexed);
                    mark.absent.indexedAnew(committedThrough(session, namespace));
                } else {
                    mark.absent.starting(mark.seq);
                    Set<String> read = indexChanges(session, search, namespace, mark, settled);
                    mark.absent.read(read, settled, committedThrough(session, namespace));
                }
                mark.seq = settled;
                mark.rebuild = false;
                marksMoved.set(true);
                return null;
            });
        } catch (RuntimeException e) {
            mark.absent.unknown();
            throw e;
        } finally {
            mark.lock.unlock();
        }
    }

    /** Indexes every namespace with searchable rows anew, one at a time, for a directory that held no index. */
    private void rebuildAtStartup() {
        Map<Namespace, Long> rows;
        try {
            rows = rowsByNamespace();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listing the namespaces to index at startup failed; each is indexed "
                    + "at its next search or write instead", e);
            return;
        }
        long started = System.nanoTime();
        for (Namespace namespace : rows.keySet()) {
            if (startupRebuildStopped) {
                return;
            }
            try {
                catchUp(namespace, -1, false, AppliedIndexing.INSTANCE, indexed -> {
                });
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "indexing " + namespace + " at startup failed; its next search "
                        + "or write tries again", e);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "built the search index in " + directory + ": "
                + rows.values().stream().mapToLong(Long::longValue).sum() + " records of " + rows.size()
                + " namespaces in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    }

    /** @return how many rows each namespace has in the searchable tables, namespaces in order */
    private Map<Namespace, Long> rowsByNamespace() {
        // Native SQL: the tables' namespace filter (@TenantId) would hide every namespace but the session's.
        return store.inReadOnlyTransaction(Namespace.DEFAULT, session -> {
            Map<Namespace, Long> rows = new java.util.TreeMap<>(java.util.Comparator.comparing(Namespace::value));
            for (String table : searchable.keySet()) {
                List<Object[]> counts = session.createNativeQuery("select namespace, count(*) from " + table
                        + " group by namespace", Object[].class).getResultList();
                for (Object[] count : counts) {
                    rows.merge(Namespace.of((String) count[0]), ((Number) count[1]).longValue(), Long::sum);
                }
            }
            return rows;
        });
    }

    /**
     * Rebuilds the whole index from the database: every namespace with searchable rows (and every namespace
     * the index knew) is emptied and indexed anew from its rows, in chunks. Searches and writes go on
     * meanwhile; a search in a namespace not yet rebuilt waits for its rebuild. The saved marks are deleted
     * first, so that a crash midway leaves an index that the next start rebuilds.
     *
     * @param progress hears the records indexed so far and the total
     * @return the records indexed
     */
    public long reindexAll(ReindexProgress progress) {
        startupRebuildStopped = true;
        synchronized (saving) {
            rebuildUnmarked = true;
            for (Mark mark : marks.values()) {
                mark.lock.lock();
                try {
                    mark.rebuild = true;
                } finally {
                    mark.lock.unlock();
                }
            }
            if (directory != null) {
                directory.forgetMarks();
            }
        }
        Map<Namespace, Long> rows = rowsByNamespace();
        Set<Namespace> namespaces = new java.util.LinkedHashSet<>(rows.keySet());
        namespaces.addAll(marks.keySet());
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        progress.progress(0, total);
        for (Namespace namespace : namespaces) {
            // Forced: a catch-up of a write may have rebuilt the namespace since it was marked, uncounted.
            catchUp(namespace, -1, true, AppliedIndexing.INSTANCE,
                    indexed -> progress.progress(done.addAndGet(indexed), total));
        }
        saveMarks();
        return done.get();
    }

    private void saveMovedMarks() {
        if (marksMoved.get()) {
            try {
                saveMarks();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "saving the search index marks failed; trying again in a second", e);
            }
        }
    }

    /**
     * Commits the index, then saves the marks it now holds. The marks are read before the commit, so each
     * covers only changes already handed to the index; a namespace being indexed anew is left out (a start
     * catches it up from its first change).
     */
    private void saveMarks() {
        if (directory == null) {
            return;
        }
        synchronized (saving) {
            marksMoved.set(false);
            Map<Namespace, Long> saved = new HashMap<>();
            marks.forEach((namespace, mark) -> {
                if (!mark.rebuild) {
                    saved.put(namespace, mark.seq);
                }
            });
            Search.mapping(store.sessionFactory()).scope(Object.class).workspace(Namespace.DEFAULT.value()).flush();
            directory.writeMarks(saved);
        }
    }

    private static long prunedThrough(Session session, Namespace namespace) {
        ChangeLogHorizonEntity horizon = session.find(ChangeLogHorizonEntity.class, namespace.value());
        return horizon == null ? 0 : horizon.getPrunedThrough();
    }

    /** @return the highest serverSeq of the namespace's committed changes, 0 when it has none */
    private static long committedThrough(Session session, Namespace namespace) {
        Long seq = session.createSelectionQuery("select max(c.serverSeq) from ChangeRecordEntity c "
                + "where c.namespace = :namespace", Long.class).setParameter("namespace", namespace.value())
                .getSingleResult();
        return seq == null ? 0 : seq;
    }

    /**
     * Indexes the records the changes in (mark, through] name, as they are now. A record the mark's
     * {@link AbsentRecords} says has no document is added; any other is updated, which deletes its document
     * by query first (each document carries its namespace), and Lucene runs that query against every segment.
     *
     * @return the records whose rows were read ({@code resource/id})
     */
    private Set<String> indexChanges(Session session, SearchSession search, Namespace namespace, Mark mark,
            long through) {
        List<Object[]> changed = session.createSelectionQuery("select c.resource, c.recordId, c.operation "
                        + "from ChangeRecordEntity c where c.namespace = :namespace and c.serverSeq > :after "
                        + "and c.serverSeq <= :through and c.resource in :resources order by c.serverSeq",
                        Object[].class)
                .setParameter("namespace", namespace.value())
                .setParameter("after", mark.seq)
                .setParameter("through", through)
                .setParameterList("resources", searchable.keySet())
                .getResultList();
        // Per resource, each record named, and whether its first change in the range is its insert.
        Map<String, Map<String, Boolean>> byResource = new LinkedHashMap<>();
        for (Object[] change : changed) {
            byResource.computeIfAbsent((String) change[0], r -> new LinkedHashMap<>())
                    .putIfAbsent((String) change[1], Operation.INSERT.wireName().equals(change[2]));
        }
        Set<String> read = new java.util.HashSet<>();
        SearchIndexingPlan plan = search.indexingPlan();
        byResource.forEach((resource, records) -> {
            ResourceSchema schema = searchable.get(resource);
            List<String> ids = new ArrayList<>(records.keySet());
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                Set<String> missing = new java.util.HashSet<>(chunk);
                List<Object> added = new ArrayList<>();
                for (Object row : session.createSelectionQuery("from " + resource + " e where e.id in :ids",
                        schema.entityClass()).setParameterList("ids", chunk).getResultList()) {
                    String id = ((dev.datafn.internal.NamespacedRow) row).getId();
                    String key = resource + "/" + id;
                    if (adds != null && mark.absent.absent(key, records.get(id), mark.seq)) {
                        added.add(row);
                    } else {
                        plan.addOrUpdate(row);
                    }
                    missing.remove(id);
                    read.add(key);
                }
                for (String id : missing) {
                    plan.purge(schema.entityClass(), id, null);
                }
                if (adds != null) {
                    adds.add(session, resource, added);
                }
                plan.execute();
                session.clear();
            }
        });
        return read;
    }

    /** Indexes every searchable record of the session's namespace anew, telling {@code indexed} each chunk. */
    private void reindex(Session session, SearchSession search, java.util.function.LongConsumer indexed) {
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
                if (adds != null) {
                    // The purge above ran to its end first: no record has a document to delete.
                    adds.add(session, resource.name(), new ArrayList<>(rows));
                } else {
                    SearchIndexingPlan plan = search.indexingPlan();
                    rows.forEach(plan::addOrUpdate);
                    plan.execute();
                }
                after = ((dev.datafn.internal.NamespacedRow) rows.getLast()).getId();
                session.clear();
                indexed.accept(rows.size());
            }
        }
    }

    @Override
    public List<SearchHit> rank(Namespace namespace, ResourceSchema resource, TextSearch search,
            List<FieldSchema> fields, int max) {
        catchUp(namespace);
        String query = search.simpleQuery();
        List<SearchHit> hits;
        try {
            hits = rank(namespace, resource, search, fields, max, query);
        } catch (SearchTimeoutException e) {
            throw new DataFnException(ErrorCode.DFQL_ABORTED, "the search ran longer than the query timeout");
        }
        List<SearchHit> ranked = new ArrayList<>(hits);
        ranked.sort(SearchHit.BEST_FIRST);
        return ranked;
    }

    private List<SearchHit> rank(Namespace namespace, ResourceSchema resource, TextSearch search,
            List<FieldSchema> fields, int max, String query) {
        return store.inReadOnlyTransaction(namespace, session -> Search.session(session)
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
    }

    private static float boost(TextSearch search, FieldSchema field) {
        return search.fieldBoosts().getOrDefault(field.name(), 1.0).floatValue();
    }

    /**
     * Stops indexing in the background and, with the index on disk, commits it and saves the marks; the index
     * itself closes with Hibernate, after which {@link #releaseDirectory()} lets another process use it.
     */
    @Override
    public void close() {
        startupRebuildStopped = true;
        // Not interrupted: a thread interrupted in Lucene's file I/O closes the index's files under the writer.
        background.shutdown();
        if (saver != null) {
            saver.shutdown();
        }
        try {
            if (!background.awaitTermination(10, TimeUnit.SECONDS)
                    || (saver != null && !saver.awaitTermination(10, TimeUnit.SECONDS))) {
                LOG.log(System.Logger.Level.WARNING, "indexing in the background still runs after 10 s; closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveMarks();
    }

    /** Releases the index directory's lock, once Hibernate has closed the index; nothing for an index in memory. */
    public void releaseDirectory() {
        if (directory != null) {
            directory.close();
        }
    }
}
