package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;

/**
 * Sync cursors. To clients they are opaque strings; here a table's cursor is the serverSeq up to which
 * the client holds the table's changes, written in decimal. A client that has nothing sends {@code "0"}
 * (or {@code null}).
 */
public final class SyncCursors {

    /** The longest cursor accepted: the digits of {@link Long#MAX_VALUE}. */
    private static final int MAX_DIGITS = 19;

    private SyncCursors() {
    }

    /**
     * @param value the cursor as sent
     * @param path  where it was sent
     * @return the serverSeq it stands for
     * @throws DataFnException {@code DFQL_INVALID} at {@code path} when it is not a cursor this server gave
     */
    public static long parse(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return 0;
        }
        String text = value.isTextual() ? value.textValue() : value.isIntegralNumber() ? value.asText() : null;
        if (text != null && !text.isEmpty() && text.length() <= MAX_DIGITS && text.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                // Answered below, like any other cursor this server never gave.
            }
        }
        throw DataFnException.invalid(path, "not a cursor this server gave; send the cursor string from the "
                + "last clone or pull, or \"0\" to start from the beginning");
    }

    /** @param seq a serverSeq @return its cursor */
    public static String format(long seq) {
        return Long.toString(seq);
    }
}
