package dev.datafn;

/** The DataFn engine and its HTTP service. */
public final class DataFn {
    private DataFn() {
    }
}
