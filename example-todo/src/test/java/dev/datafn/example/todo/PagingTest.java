package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.QueryResult;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset cursors: walking every page of any sort (nulls included) yields exactly the records of one
 * big query, in the same order, and records inserted while paging neither repeat nor shift pages.
 */
@OnEveryDatabase
class PagingTest extends AbstractEngineTest {

    private Namespace seed(String label, int rows) {
        Namespace ns = TestDatabases.uniqueNamespace(label);
        for (int i = 0; i < rows; i++) {
            String priority = i % 4 == 0 ? "null" : String.valueOf(i % 6);
            String due = i % 3 == 0 ? "null" : "\"2026-12-%02d\"".formatted(1 + i % 5);
            insertTodo(ns, "{\"id\": \"t%02d\", \"title\": \"Task %d\", \"priority\": %s, \"dueDate\": %s}"
                    .formatted(i, i % 7, priority, due));
        }
        return ns;
    }

    private List<String> walk(Namespace ns, String sortAndFilter, int pageSize) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            QueryResult page = query(ns, "{\"resource\": \"todos\", \"version\": 1, \"limit\": %d, %s%s}".formatted(
                    pageSize, sortAndFilter, cursor == null ? "" : ", \"cursor\": \"" + cursor + "\""));
            seen.addAll(ids(page));
            assertThat(page.data()).hasSizeLessThanOrEqualTo(pageSize);
            cursor = page.nextCursor();
            assertThat(cursor == null).isEqualTo(!page.hasMore());
            if (cursor == null) {
                return seen;
            }
        }
        throw new AssertionError("paging did not end");
    }

    private List<String> all(Namespace ns, String sortAndFilter) {
        return ids(query(ns, "{\"resource\": \"todos\", \"version\": 1, \"limit\": 50, " + sortAndFilter + "}"));
    }

    @Test
    void everySortPagesThroughExactlyTheWholeResult() {
        Namespace ns = seed("paging", 23);
        for (String sort : List.of("\"sort\": [\"priority:desc\", \"dueDate:asc\"]",
                "\"sort\": [\"dueDate:desc\"]", "\"sort\": [\"title:asc\", \"priority:asc\"]", "\"sort\": []",
                "\"sort\": [\"completed:asc\", \"id:desc\"]",
                // Keys after the id decide nothing; a page may end on a null one (a statement with an
                // unbound value once failed).
                "\"sort\": [\"id:desc\", \"priority:desc\", \"dueDate:asc\"]",
                "\"sort\": [\"priority:asc\"], \"filters\": {\"title\": {\"ne\": \"Task 3\"}}")) {
            for (int size : new int[] {1, 4, 7}) {
                assertThat(walk(ns, sort, size)).as(sort + " by " + size).containsExactlyElementsOf(all(ns, sort));
            }
        }
    }

    @Test
    void insertsDuringPagingNeitherRepeatNorShiftRecords() {
        Namespace ns = seed("paging-live", 12);
        String sort = "\"sort\": [\"title:asc\"]";
        List<String> before = all(ns, sort);
        QueryResult first = query(ns, "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5, " + sort + "}");
        // One record sorts before the page already read, one after it.
        insertTodo(ns, "{\"id\": \"early\", \"title\": \"A first task\"}");
        insertTodo(ns, "{\"id\": \"late\", \"title\": \"Zz last task\"}");
        List<String> seen = new ArrayList<>(ids(first));
        String cursor = first.nextCursor();
        while (cursor != null) {
            QueryResult page = query(ns, "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5, " + sort
                    + ", \"cursor\": \"" + cursor + "\"}");
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        }
        List<String> expected = new ArrayList<>(before);
        expected.add("late");
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    }

    @Test
    void aCursorOnlyFitsItsOwnSortAndNamespaceChangesNothing() {
        Namespace ns = seed("paging-guard", 6);
        QueryResult first = query(ns, "{\"resource\": \"todos\", \"version\": 1, \"limit\": 2, \"sort\": [\"title:asc\"]}");
        assertError(() -> query(ns, "{\"resource\": \"todos\", \"version\": 1, \"sort\": [\"title:desc\"], \"cursor\": \""
                + first.nextCursor() + "\"}"), ErrorCode.DFQL_INVALID, "cursor", "another sort");
        assertError(() -> query(ns, "{\"resource\": \"todos\", \"version\": 1, \"cursor\": \"eyJrIjoxfQ\"}"),
                ErrorCode.DFQL_INVALID, "cursor", "not a cursor");
        // Used in another namespace the cursor is only a position: it reveals none of the first one's rows.
        Namespace other = TestDatabases.uniqueNamespace("paging-other");
        assertThat(query(other, "{\"resource\": \"todos\", \"version\": 1, \"sort\": [\"title:asc\"], \"cursor\": \""
                + first.nextCursor() + "\"}").data()).isEmpty();
    }
}
