package dev.datafn.config;

import io.helidon.config.Config;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code datafn.*} options read from Helidon Config and checked: every key is a known option and every
 * value is one it takes, or reading fails with all the faults at once, each naming its key
 * ({@code datafn.limits.maxLimit: expected a whole number 1..10000, got "abc"}). Keys match in any case,
 * because Helidon hands environment variables over lower-cased ({@code DATAFN_LIMITS_MAXLIMIT} becomes
 * {@code datafn.limits.maxlimit}); when both spellings are set, the lower-cased one (the environment variable)
 * wins over the camel-cased one (a file), as environment variables override files.
 */
public final class DataFnSettings {

    private final Map<String, Object> values;

    private DataFnSettings(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Reads the runtime's options.
     *
     * @param datafn the {@code datafn} node, e.g. {@code config.get("datafn")}
     * @return the settings
     * @throws InvalidConfigException when a key is unknown or a value is invalid
     */
    public static DataFnSettings read(Config datafn) {
        return read(datafn, List.of());
    }

    /**
     * Reads the runtime's options and an application's own.
     *
     * @param datafn the {@code datafn} node, e.g. {@code config.get("datafn")}
     * @param own    the application's options under {@code datafn.}, e.g. {@code jwt.secret}
     * @return the settings
     * @throws InvalidConfigException when a key is unknown or a value is invalid
     */
    public static DataFnSettings read(Config datafn, Collection<ConfigOption> own) {
        Map<String, ConfigOption> known = new LinkedHashMap<>();
        for (ConfigOption option : ConfigOptions.ALL) {
            known.put(option.key().toLowerCase(Locale.ROOT), option);
        }
        for (ConfigOption option : own) {
            known.put(option.key().toLowerCase(Locale.ROOT), option);
        }
        Map<String, String> given = new LinkedHashMap<>();
        List<String> faults = new ArrayList<>();
        // A file whose options are all commented out leaves "datafn:" empty, a value rather than an object.
        if (datafn.type() == Config.Type.OBJECT) {
            collect(datafn, "", given);
        } else if (datafn.type() == Config.Type.VALUE && !datafn.asString().orElse("").isBlank()) {
            faults.add(datafn.key() + ": expected options below it, got the value \"" + datafn.asString().get() + "\"");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            ConfigOption option = known.get(key.toLowerCase(Locale.ROOT));
            if (option == null) {
                faults.add(Suggestions.unknown(key, known.values()));
                continue;
            }
            boolean camelCased = key.equals(option.key()) && !key.equals(key.toLowerCase(Locale.ROOT));
            if (camelCased && spelling.containsKey(option.key())) {
                continue;
            }
            try {
                values.put(option.key(), option.type().parse(entry.getValue()));
                spelling.put(option.key(), key);
            } catch (IllegalArgumentException e) {
                faults.add(option.fullKey() + ": expected " + e.getMessage() + ", got \"" + entry.getValue() + "\"");
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidConfigException(faults);
        }
        return new DataFnSettings(Map.copyOf(values));
    }

    /** Gathers every value below a node, by its key relative to {@code datafn}; a YAML list becomes "a,b". */
    private static void collect(Config node, String prefix, Map<String, String> into) {
        for (Config child : node.asNodeList().orElse(List.of())) {
            String key = prefix.isEmpty() ? child.name() : prefix + "." + child.name();
            switch (child.type()) {
                case VALUE -> into.put(key, child.asString().orElse(""));
                case LIST -> into.put(key, String.join(",", child.asList(String.class).orElse(List.of())));
                case OBJECT -> collect(child, key, into);
                case MISSING -> {
                }
            }
        }
    }

    /** @param key an option's key, e.g. {@code limits.maxLimit} @return whether it is set */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** @param key a whole-number option @return its value, when set */
    public Optional<Long> number(String key) {
        return Optional.ofNullable((Long) values.get(key));
    }

    /** @param key a whole-number option below 2^31 @return its value, when set */
    public Optional<Integer> integer(String key) {
        return number(key).map(Math::toIntExact);
    }

    /** @param key a true/false option @return its value, when set */
    public Optional<Boolean> flag(String key) {
        return Optional.ofNullable((Boolean) values.get(key));
    }

    /** @param key a text or choice option @return its value, when set */
    public Optional<String> text(String key) {
        return Optional.ofNullable((String) values.get(key));
    }

    /** @param key a list option @return its items, when set */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> items(String key) {
        return Optional.ofNullable((List<String>) values.get(key));
    }

    /** @param prefix a group, e.g. {@code retention} @return whether any option of it is set */
    public boolean hasAny(String prefix) {
        return values.keySet().stream().anyMatch(k -> k.startsWith(prefix + "."));
    }
}
