package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One query of a workload as {@link ExplainCommand} found it: the statements the engine sent for it, each with
 * PostgreSQL's plan, and the index that would serve it when a plan sorts or reads a whole table.
 *
 * @param dfql       the query
 * @param statements the statements it ran, with their plans; empty when it was refused
 * @param advice     the {@code @Index} that would serve it ({@link IndexAdvice}), when one would
 * @param refusal    the engine's answer when it refused the query, else {@code null}
 */
record ExplainedQuery(JsonNode dfql, List<Explained> statements, Optional<String> advice, String refusal) {

    /** Copies the statements. */
    ExplainedQuery {
        statements = List.copyOf(statements);
    }

    /**
     * A statement and its plan.
     *
     * @param statement what the engine sent, with its values
     * @param plan      PostgreSQL's plan for it with those values
     */
    record Explained(CapturedStatement statement, PostgresPlan plan) {
    }

    /** @return whether some statement of the query sorts or reads a whole table */
    boolean needsIndex() {
        return statements.stream().anyMatch(s -> !s.plan().servedByIndex());
    }
}
