package dev.datafn.schema;

/** Thrown at startup when the resources do not form a valid schema; the message lists every problem. */
public final class SchemaValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param details what is wrong, one problem per line */
    public SchemaValidationException(String details) {
        super("Schema validation failed: " + details);
    }
}
