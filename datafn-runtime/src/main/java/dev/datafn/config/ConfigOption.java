package dev.datafn.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration option: its key under {@code datafn.}, what values it takes, its default and what it means.
 * The README table and the example's {@code application.yaml} list the same options.
 *
 * @param key          the key below {@code datafn.}, e.g. {@code limits.maxLimit}
 * @param type         what values it takes
 * @param defaultValue the default as text, as the README shows it
 * @param meaning      what it changes, in one sentence
 */
public record ConfigOption(String key, ValueType type, String defaultValue, String meaning) {

    /** Checks that every part is there. */
    public ConfigOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** @return the full key, e.g. {@code datafn.limits.maxLimit} */
    public String fullKey() {
        return "datafn." + key;
    }

    /**
     * @return the environment variable that sets it, e.g. {@code DATAFN_LIMITS_MAXLIMIT}; a {@code -} in a key
     *         is written {@code __}, as Helidon reads it back
     */
    public String environmentVariable() {
        return fullKey().toUpperCase(Locale.ROOT).replace("-", "__").replace('.', '_');
    }
}
