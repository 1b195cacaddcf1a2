package dev.datafn.config;

import java.util.List;
import java.util.Locale;

/**
 * What values an option takes. Each type turns the configured text into a value, or says in one phrase what
 * it expected, so the startup error reads {@code datafn.limits.maxLimit: expected a whole number 1..10000, got
 * "abc"}.
 */
public sealed interface ValueType {

    /**
     * @param text the configured text
     * @return the value
     * @throws IllegalArgumentException with the phrase {@link #expected()} when the text is not one
     */
    Object parse(String text);

    /** @return what this type accepts, e.g. {@code a whole number 1..10000} */
    String expected();

    /**
     * A whole number in a range.
     *
     * @param min the smallest allowed
     * @param max the largest allowed
     */
    record WholeNumber(long min, long max) implements ValueType {

        @Override
        public Object parse(String text) {
            long value;
            try {
                value = Long.parseLong(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected());
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(expected());
            }
            return value;
        }

        @Override
        public String expected() {
            return "a whole number " + min + ".." + max;
        }
    }

    /** {@code true} or {@code false}, in any case. */
    record Flag() implements ValueType {

        @Override
        public Object parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(expected());
            };
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** Any text that is not blank. */
    record Text() implements ValueType {

        @Override
        public Object parse(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException(expected());
            }
            return text.trim();
        }

        @Override
        public String expected() {
            return "a non-empty text";
        }
    }

    /** Any text, the empty one included, as a password of an embedded database is. */
    record AnyText() implements ValueType {

        @Override
        public Object parse(String text) {
            return text;
        }

        @Override
        public String expected() {
            return "a text";
        }
    }

    /**
     * One of a few words, in any case; the value is the word as listed.
     *
     * @param choices the words allowed
     */
    record OneOf(List<String> choices) implements ValueType {

        @Override
        public Object parse(String text) {
            String given = text.trim();
            return choices.stream().filter(c -> c.equalsIgnoreCase(given)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(expected()));
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", choices);
        }
    }

    /** A comma-separated list (or a YAML list) of non-blank items. */
    record Items() implements ValueType {

        @Override
        public Object parse(String text) {
            List<String> items = java.util.Arrays.stream(text.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
            if (items.isEmpty()) {
                throw new IllegalArgumentException(expected());
            }
            return items;
        }

        @Override
        public String expected() {
            return "a comma-separated list";
        }
    }
}
