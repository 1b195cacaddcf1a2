package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fault log's stack-trace budget and trace text, without a server (its HTTP side is in example-todo). */
class FaultLogTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final StackTraceBudget budget = new StackTraceBudget(3, TimeUnit.MINUTES.toNanos(1), now::get);

    @Test
    void theFirstTracesOfAWindowAreWrittenThenLeftOutAndCountedInTheNextWindow() {
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).as("over the budget").isEqualTo(-1);
        assertThat(budget.take()).isEqualTo(-1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertThat(budget.take()).as("still the same minute").isEqualTo(-1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(budget.take()).as("a new minute: written, saying how many were left out").isEqualTo(3);
        assertThat(budget.take()).isZero();
    }

    @Test
    void aTraceCarriesMessagesOnlyWhenAskedTo() {
        IllegalStateException failure = new IllegalStateException("value 'secret-title' broke",
                new java.sql.SQLException("Key (id)=(td_1) already exists"));
        String production = FaultLog.trace(failure, false);
        assertThat(production).contains("java.lang.IllegalStateException\n")
                .contains("Caused by: java.sql.SQLException\n").contains("\tat dev.datafn.http.FaultLogTest")
                .doesNotContain("secret-title").doesNotContain("td_1");
        assertThat(FaultLog.trace(failure, true)).contains("IllegalStateException: value 'secret-title' broke")
                .contains("SQLException: Key (id)=(td_1) already exists");
    }
}
