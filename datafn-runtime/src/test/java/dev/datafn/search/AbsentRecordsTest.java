package dev.datafn.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a catch-up may add a record's document without deleting an older one first: only when no catch-up
 * can have indexed it already. Each case is a way an added document would be the record's second.
 */
class AbsentRecordsTest {

    @Test
    void nothingIsKnownUntilACatchUpHasRunToItsEnd() {
        AbsentRecords absent = new AbsentRecords();
        // The index on disk may hold a record inserted after its saved mark.
        assertThat(absent.absent("todos/a", true, 10)).isFalse();
        absent.starting(10);
        absent.read(Set.of("todos/a"), 20, 20);
        assertThat(absent.absent("todos/b", true, 20)).isTrue();
        assertThat(absent.absent("todos/b", false, 20)).as("an update or a delete came first").isFalse();
    }

    @Test
    void aRowReadAfterItsLaterInsertWaitsUntilTheCatchUpsPassEverySeqCommittedThen() {
        AbsentRecords absent = new AbsentRecords();
        absent.read(Set.of(), 10, 10);
        // A catch-up of (10, 20] read todos/r as re-inserted at 25, committed while seq 21 stalled.
        absent.starting(10);
        absent.read(Set.of("todos/r"), 20, 25);
        absent.starting(20);
        absent.read(Set.of(), 21, 25);
        absent.starting(21);
        assertThat(absent.absent("todos/r", true, 21)).as("its document is there already").isFalse();
        assertThat(absent.absent("todos/other", true, 21)).isTrue();
        absent.starting(25);
        assertThat(absent.absent("todos/r", true, 25)).as("every change its row could show is passed").isTrue();
    }

    @Test
    void aCatchUpThatFailedLeavesTheIndexUnknownUntilTheNextOneEnds() {
        AbsentRecords absent = new AbsentRecords();
        absent.read(Set.of(), 10, 10);
        assertThat(absent.absent("todos/a", true, 10)).isTrue();
        absent.unknown();
        assertThat(absent.absent("todos/a", true, 10)).as("the failed attempt may have added it").isFalse();
        absent.read(Set.of("todos/a"), 20, 30);
        assertThat(absent.absent("todos/b", true, 20)).as("rows read up to seq 30 may be ahead").isFalse();
        absent.starting(30);
        assertThat(absent.absent("todos/b", true, 30)).isTrue();
    }

    @Test
    void indexingTheRowsAnewCountsAsReadingAllOfThem() {
        AbsentRecords absent = new AbsentRecords();
        absent.read(Set.of(), 10, 10);
        absent.indexedAnew(40);
        assertThat(absent.absent("todos/a", true, 39)).isFalse();
        absent.starting(40);
        assertThat(absent.absent("todos/a", true, 40)).isTrue();
    }

    @Test
    void tooManyRecordsReadAheadMakeTheWholeNamespaceWait() {
        AbsentRecords absent = new AbsentRecords();
        absent.read(Set.of(), 10, 10);
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 100_001; i++) {
            many.add("todos/" + i);
        }
        absent.read(many, 20, 30);
        assertThat(absent.absent("todos/never-read", true, 20)).isFalse();
        absent.starting(30);
        assertThat(absent.absent("todos/5", true, 30)).isTrue();
    }
}
