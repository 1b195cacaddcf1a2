package dev.datafn.db;

import dev.datafn.query.ast.TextSearch;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/** Finds the records of a resource that match a full-text search: what a query's {@code search} block narrows to. */
public interface TextSearcher {

    /** No full-text index: every search is refused. */
    TextSearcher NONE = (namespace, resource, search, fields, max) -> {
        throw new dev.datafn.error.DataFnException(dev.datafn.error.ErrorCode.DFQL_UNSUPPORTED,
                "search is turned off on this server", search.path());
    };

    /**
     * @param namespace the namespace searched
     * @param resource  the resource
     * @param search    the search
     * @param fields    the fields to search, each searchable, at least one
     * @param max       the most hits
     * @return the hits, {@linkplain SearchHit#BEST_FIRST best first}, with every write committed before the
     *     call
     */
    List<SearchHit> rank(Namespace namespace, ResourceSchema resource, TextSearch search, List<FieldSchema> fields,
            int max);
}
