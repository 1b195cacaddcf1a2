package dev.datafn.bench;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * The part of a request's work a CPU sample was taken in. A sample belongs to the innermost frame that names a
 * stage: a socket write under the PostgreSQL driver is the driver's, one under Helidon's response is the HTTP
 * server's, and Jackson called by the request pipeline is JSON.
 */
enum CpuStage {

    /** The JDBC driver, the connection pool and their socket I/O. */
    JDBC("JDBC: driver, pool and their socket I/O"),
    /** Hibernate Search and Lucene, indexing writes. */
    SEARCH("search index: Hibernate Search and Lucene"),
    /** Hibernate ORM: sessions, statements, parameter binding, row reading. */
    HIBERNATE("Hibernate ORM: session, statement, binding, rows"),
    /** Reading the DFQL request into a plan. */
    DFQL("DFQL: parse and plan"),
    /** Jackson, reading requests and writing answers. */
    JSON("JSON: Jackson"),
    /** DataFn's own code: the request pipeline, the read and write paths. */
    DATAFN("DataFn: request pipeline, read and write paths"),
    /** The hand-written baseline's handler code. */
    BASELINE("baseline: handler code"),
    /** Helidon's HTTP server: connections, request parsing, routing, response writing. */
    HTTP_SERVER("HTTP server: Helidon"),
    /** The benchmark's own clients. */
    LOAD("load generator: JDK HTTP client"),
    /** What none of the above names: JDK code on its own, virtual-thread scheduling. */
    OTHER("JDK on its own: scheduling, selectors, other");

    /** Class-name prefixes and their stages, the more specific first. */
    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("org.postgresql.", JDBC), new Prefix("com.zaxxer.hikari.", JDBC), new Prefix("org.h2.", JDBC),
            new Prefix("org.hibernate.search.", SEARCH), new Prefix("org.apache.lucene.", SEARCH),
            new Prefix("org.hibernate.", HIBERNATE),
            new Prefix("dev.datafn.query.", DFQL),
            new Prefix("com.fasterxml.jackson.", JSON),
            new Prefix("dev.datafn.bench.Baseline", BASELINE), new Prefix("dev.datafn.bench.TodoQueries", BASELINE),
            new Prefix("dev.datafn.bench.", LOAD),
            new Prefix("dev.datafn.", DATAFN),
            new Prefix("io.helidon.", HTTP_SERVER),
            new Prefix("jdk.internal.net.http.", LOAD), new Prefix("java.net.http.", LOAD));

    private final String label;

    CpuStage(String label) {
        this.label = label;
    }

    /** @return the stage as the report names it */
    String label() {
        return label;
    }

    /**
     * @param stack a sample's stack, innermost frame first
     * @return the stage of the innermost frame that names one, {@link #OTHER} when none does
     */
    static CpuStage of(RecordedStackTrace stack) {
        if (stack == null) {
            return OTHER;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            CpuStage stage = of(frame.getMethod().getType().getName());
            if (stage != null) {
                return stage;
            }
        }
        return OTHER;
    }

    /** @param className a frame's class @return its stage, or {@code null} for JDK code, which belongs to its caller */
    static CpuStage of(String className) {
        for (Prefix p : PREFIXES) {
            if (className.startsWith(p.prefix())) {
                return p.stage();
            }
        }
        return null;
    }

    private record Prefix(String prefix, CpuStage stage) {
    }
}
