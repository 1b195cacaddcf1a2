package dev.datafn.config;

import java.util.List;

/** Startup configuration the runtime cannot use: unknown keys or invalid values, each named. */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The faults, one per key. */
    private final transient List<String> faults;

    /** @param faults one message per faulty key, each starting with the key */
    public InvalidConfigException(List<String> faults) {
        super("invalid configuration:\n  " + String.join("\n  ", faults));
        this.faults = List.copyOf(faults);
    }

    /** @return one message per faulty key, each starting with the key */
    public List<String> faults() {
        return faults;
    }
}
