package dev.datafn.error;

import java.util.function.Function;

/**
 * How one item of a batch ended: with its result, or refused with the error that says why. A batch
 * answers an outcome per item, so one refused item does not fail the others; the HTTP layer turns each
 * into its envelope.
 *
 * @param <T> the result type
 */
public sealed interface Outcome<T> {

    /**
     * The item succeeded.
     *
     * @param value its result
     * @param <T>   the result type
     */
    record Done<T>(T value) implements Outcome<T> {
    }

    /**
     * The item was refused; nothing of it was applied.
     *
     * @param error why
     * @param <T>   the result type it would have had
     */
    record Refused<T>(DataFnException error) implements Outcome<T> {
    }

    /** @param value a result @param <T> its type @return the outcome of an item that succeeded */
    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    /** @param error why @param <T> the result type @return the outcome of a refused item */
    static <T> Outcome<T> refused(DataFnException error) {
        return new Refused<>(error);
    }

    /** @return whether the item succeeded */
    default boolean ok() {
        return this instanceof Done<T>;
    }

    /**
     * @param f   maps a result
     * @param <U> the mapped type
     * @return this outcome with its result mapped; a refusal stays as it is
     */
    default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Done<T> done -> new Done<>(f.apply(done.value()));
            case Refused<T> refused -> new Refused<>(refused.error());
        };
    }
}
