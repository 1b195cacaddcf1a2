package dev.datafn.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How much one request may read into memory to build its answer: the rows its statements return are counted
 * as they arrive (their values' sizes, estimated), against {@code maxAnswerBytes} for the request and against
 * the engine's {@link AnswerMemory} for every request at once. A request over its own budget is refused with
 * {@code DFQL_INVALID}, one that would push the server over its memory with {@code SERVICE_UNAVAILABLE}; both
 * before the next statement adds to the answer, so a small request can never make the server build a huge one.
 *
 * <p>The budget is bound to the thread that {@linkplain #run runs} the request's work and to the threads it
 * starts (a query batch runs its queries on threads of their own), as {@link ReadCancellation} is. Reads outside
 * any budget (the Java API, maintenance, a streamed clone, which holds a few chunks at a time) are not counted.
 */
public final class AnswerBudget implements AutoCloseable {

    // Inheritable: the threads a batch starts for its queries answer the same request.
    private static final InheritableThreadLocal<AnswerBudget> CURRENT = new InheritableThreadLocal<>();

    /** What one value costs beyond its characters: its object, its JSON punctuation. */
    private static final int VALUE_OVERHEAD = 16;

    private final long maxBytes;
    private final AnswerMemory memory;
    private final AtomicLong used = new AtomicLong();
    /** Set once the work returned: a thread started by it that lives on no longer belongs to it. */
    private volatile boolean ended;

    /**
     * @param maxBytes the most one request may read ({@code maxAnswerBytes})
     * @param memory   what every request may hold at once
     */
    public AnswerBudget(long maxBytes, AnswerMemory memory) {
        this.maxBytes = maxBytes;
        this.memory = memory;
    }

    /**
     * Runs work whose reads are counted against this budget; run it once, then {@link #close()} the budget when
     * its answer has been sent.
     *
     * @param work the work
     * @param <T>  its result type
     * @return its result
     */
    public <T> T run(Supplier<T> work) {
        AnswerBudget outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            ended = true;
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Counts rows just read against the current request's budget, if any.
     *
     * @param rows the rows a statement returned: arrays of column values, strings, numbers, JSON
     * @throws DataFnException {@code DFQL_INVALID} past {@code maxAnswerBytes}; {@code SERVICE_UNAVAILABLE} when
     *                         the server's answers in flight would pass its answer memory
     */
    public static void charge(Collection<?> rows) {
        charge(rows, Function.identity());
    }

    /**
     * Counts one part of each row just read (a change record's data, say) against the current request's budget,
     * if any: nothing is built when no budget is bound.
     *
     * @param rows  the rows a statement returned
     * @param value the part of a row its answer holds
     * @param <T>   the row type
     * @throws DataFnException as {@link #charge(Collection)}
     */
    public static <T> void charge(Collection<T> rows, Function<? super T, ?> value) {
        AnswerBudget budget = CURRENT.get();
        if (budget != null && !budget.ended && !rows.isEmpty()) {
            long bytes = VALUE_OVERHEAD;
            for (T row : rows) {
                bytes += sizeOf(value.apply(row));
            }
            budget.add(bytes);
        }
    }

    /** @return the bytes counted so far */
    public long used() {
        return used.get();
    }

    private void add(long bytes) {
        long total = used.addAndGet(bytes);
        if (total > maxBytes) {
            // The rows are dropped with the refusal: they no longer count.
            used.addAndGet(-bytes);
            throw DataFnException.invalid("", "the answer would be larger than " + maxBytes
                    + " bytes (maxAnswerBytes); ask for fewer records (limit) or fields (select), or fewer queries "
                    + "per batch");
        }
        if (!memory.reserve(bytes)) {
            used.addAndGet(-bytes);
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "the server is answering other large requests "
                    + "and has no memory left for this answer now; retry shortly, or ask for fewer records");
        }
    }

    /** Gives back what the request held, once its answer is sent (or it failed). Calling it again does nothing. */
    @Override
    public void close() {
        memory.release(used.getAndSet(0));
    }

    /** An estimate of what a value read costs in memory and in its JSON answer: its characters, plus a little. */
    static long sizeOf(Object value) {
        return switch (value) {
            case null -> VALUE_OVERHEAD;
            case CharSequence text -> VALUE_OVERHEAD + text.length();
            case byte[] bytes -> VALUE_OVERHEAD + bytes.length;
            case Object[] array -> {
                long sum = VALUE_OVERHEAD;
                for (Object item : array) {
                    sum += sizeOf(item);
                }
                yield sum;
            }
            case Collection<?> items -> {
                long sum = VALUE_OVERHEAD;
                for (Object item : items) {
                    sum += sizeOf(item);
                }
                yield sum;
            }
            case Map<?, ?> map -> {
                long sum = VALUE_OVERHEAD;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    sum += sizeOf(entry.getKey()) + sizeOf(entry.getValue());
                }
                yield sum;
            }
            case JsonNode json -> sizeOfJson(json);
            default -> VALUE_OVERHEAD;
        };
    }

    private static long sizeOfJson(JsonNode json) {
        if (json.isTextual()) {
            return VALUE_OVERHEAD + json.textValue().length();
        }
        long sum = VALUE_OVERHEAD;
        if (json.isObject()) {
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                sum += field.getKey().length() + sizeOfJson(field.getValue());
            }
        } else if (json.isArray()) {
            for (JsonNode item : json) {
                sum += sizeOfJson(item);
            }
        }
        return sum;
    }
}
