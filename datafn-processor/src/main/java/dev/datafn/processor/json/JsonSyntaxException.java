package dev.datafn.processor.json;

/** Thrown when text is not valid JSON; the message says what was expected and where. */
public final class JsonSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the character offset */
    public JsonSyntaxException(String message) {
        super(message);
    }
}
