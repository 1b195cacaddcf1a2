package dev.datafn.query.plan;

import dev.datafn.query.ast.TextSearch;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * A query narrowed by a full-text search: the plan of the same query without its search ({@code template}),
 * to be run on the records the search finds. Without a sort, records come in relevance order (best first,
 * then by id), paged by a {@link RelevanceCursor}; with a sort, or when aggregating, the search only narrows
 * and the template's own order and cursor apply.
 *
 * @param template    the plan of the query without the search; in relevance order its cursor is unset
 * @param search      the search
 * @param fields      the fields searched: searchable, and readable by the caller; empty when the caller may
 *                    read none of them, and then nothing matches
 * @param byRelevance whether records come in relevance order
 * @param after       where the previous page in relevance order ended, or {@code null}
 */
public record SearchPlan(Plan template, TextSearch search, List<FieldSchema> fields, boolean byRelevance,
        RelevanceCursor after) implements Plan {

    /** The most matches a search narrows a query to: the best ones, as a search engine's result window. */
    public static final int WINDOW = 10_000;

    /** Copies the list. */
    public SearchPlan {
        fields = List.copyOf(fields);
    }

    @Override
    public ResourceSchema resource() {
        return template.resource();
    }
}
