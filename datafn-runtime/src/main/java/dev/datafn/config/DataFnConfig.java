package dev.datafn.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import io.helidon.config.spi.ConfigSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Builds the Helidon Config a DataFn server reads, with the usual precedence: system properties over
 * environment variables over files. Helidon alone hands {@code DATAFN_LIMITS_MAXLIMIT} over as
 * {@code datafn.limits.maxlimit}, a second spelling beside a file's {@code maxLimit}; here the {@code DATAFN_*}
 * variables are mapped to the options' own spelling ({@code datafn.limits.maxLimit}), so each option has one
 * key and the precedence holds exactly.
 */
public final class DataFnConfig {

    private static final String PREFIX = "DATAFN_";

    private DataFnConfig() {
    }

    /**
     * @param files the configuration files, the first winning, e.g. {@code ConfigSources.classpath("application.yaml")}
     * @return the configuration of this process: its system properties, environment and the files
     */
    @SafeVarargs
    public static Config create(Supplier<? extends ConfigSource>... files) {
        Map<String, String> properties = new HashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        return create(System.getenv(), properties, List.of(), files);
    }

    /**
     * @param environment the environment variables
     * @param properties  the system properties
     * @param own         the application's own options, so their variables get their spelling too
     * @param files       the configuration files, the first winning
     * @return the configuration: properties over environment over files
     */
    @SafeVarargs
    public static Config create(Map<String, String> environment, Map<String, String> properties,
            List<ConfigOption> own, Supplier<? extends ConfigSource>... files) {
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(properties));
        sources.add(environmentVariables(environment, own));
        sources.addAll(List.of(files));
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(sources)
                .build();
    }

    /**
     * @param environment the environment variables
     * @param own         the application's own options
     * @return the variables as Helidon reads them, except that each {@code DATAFN_*} variable naming an option
     *         gets the option's spelling ({@code DATAFN_LIMITS_MAXLIMIT} -> {@code datafn.limits.maxLimit});
     *         others, such as {@code SERVER_PORT}, are read as Helidon reads them
     */
    public static ConfigSource environmentVariables(Map<String, String> environment, List<ConfigOption> own) {
        Map<String, String> byVariable = new HashMap<>();
        for (ConfigOption option : ConfigOptions.ALL) {
            byVariable.put(option.environmentVariable(), option.fullKey());
        }
        for (ConfigOption option : own) {
            byVariable.put(option.environmentVariable(), option.fullKey());
        }
        Map<String, String> others = new HashMap<>();
        Map<String, String> mapped = new HashMap<>();
        environment.forEach((name, value) -> {
            String key = byVariable.get(name.toUpperCase(Locale.ROOT));
            if (key != null) {
                mapped.put(key, value);
            } else {
                others.put(name, value);
            }
        });
        Map<String, String> all = new HashMap<>(EnvironmentVariables.expand(others));
        // An unmatched DATAFN_* variable stays under datafn.* (lower-cased), where reading reports it unknown.
        all.keySet().removeIf(k -> k.startsWith(PREFIX.replace('_', '.')));
        all.putAll(mapped);
        return ConfigSources.create(all).build();
    }
}
