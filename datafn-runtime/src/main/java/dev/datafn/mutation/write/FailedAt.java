package dev.datafn.mutation.write;

import dev.datafn.error.DataFnException;

/**
 * One item of an all-or-nothing list (a transaction's step, an atomic push's mutation) was refused: thrown
 * out of the write transaction so that it rolls back, and caught outside to answer which item and why.
 */
public final class FailedAt extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final transient DataFnException error;

    /**
     * @param index the item's index
     * @param error why it was refused
     */
    public FailedAt(int index, DataFnException error) {
        super(null, null, false, false);
        this.index = index;
        this.error = error;
    }

    /** @return the refused item's index */
    public int index() {
        return index;
    }

    /** @return why it was refused */
    public DataFnException error() {
        return error;
    }
}
