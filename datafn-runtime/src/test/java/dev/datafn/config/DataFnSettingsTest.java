package dev.datafn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * Every option of {@link ConfigOptions} is read from YAML, from system properties and from environment
 * variables, in that order of strength; its default is seed 000's; every invalid value and every unknown key
 * stops the reading with a message naming the key.
 */
class DataFnSettingsTest {

    static final List<ConfigOption> OPTIONS = ConfigOptions.ALL;

    /** A value of each option that is not its default, so reading it proves the key was read. */
    static String sample(ConfigOption option) {
        return switch (option.type()) {
            case ValueType.WholeNumber n -> Long.toString(n.max() == n.min() + 1 ? n.max() : n.min() + 1);
            case ValueType.Flag f -> Boolean.toString(!option.defaultValue().equals("true"));
            case ValueType.Text t -> "sample-" + option.key();
            case ValueType.AnyText t -> "any-" + option.key();
            case ValueType.OneOf o -> o.choices().getLast();
            case ValueType.Items i -> "a,b";
        };
    }

    static Object parsed(ConfigOption option) {
        return option.type().parse(sample(option));
    }

    @Test
    void everyOptionFromYaml() {
        StringBuilder yaml = new StringBuilder("datafn:\n");
        for (ConfigOption option : OPTIONS) {
            // Flat dotted keys are how YAML nests too: Helidon splits them the same way.
            yaml.append("  \"").append(option.key()).append("\": \"").append(sample(option)).append("\"\n");
        }
        Config config = Config.just(ConfigSources.create(yaml.toString(), MediaTypes.APPLICATION_X_YAML));
        assertEveryOptionRead(DataFnSettings.read(config.get("datafn")));
    }

    @Test
    void anEmptyDatafnNodeMeansEveryDefaultAndAValueThereIsRefused() {
        // The shipped application.yaml has every option commented out: "datafn:" alone.
        Config empty = Config.just(ConfigSources.create("datafn:\n", MediaTypes.APPLICATION_X_YAML));
        assertThat(DataFnSettings.read(empty.get("datafn")).has("limits.maxLimit")).isFalse();
        Config value = Config.just(ConfigSources.create("datafn: yes\n", MediaTypes.APPLICATION_X_YAML));
        assertThatThrownBy(() -> DataFnSettings.read(value.get("datafn")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("datafn: expected options below it");
    }

    @Test
    void everyOptionFromNestedYaml() {
        Config config = Config.just(ConfigSources.create("""
                datafn:
                  limits:
                    maxLimit: 42
                  rateLimit:
                    endpoints:
                      mutation:
                        maxRequests: 7
                  cors:
                    origins:
                      - https://a.example.com
                      - https://b.example.com
                """, MediaTypes.APPLICATION_X_YAML));
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"));
        assertThat(settings.integer("limits.maxLimit")).hasValue(42);
        assertThat(settings.integer("rateLimit.endpoints.mutation.maxRequests")).hasValue(7);
        assertThat(settings.items("cors.origins")).hasValue(List.of("https://a.example.com", "https://b.example.com"));
    }

    @Test
    void everyOptionFromSystemProperties() {
        Map<String, String> properties = new HashMap<>();
        OPTIONS.forEach(option -> properties.put(option.fullKey(), sample(option)));
        Config config = DataFnConfig.create(Map.of(), properties, List.of());
        assertEveryOptionRead(DataFnSettings.read(config.get("datafn")));
    }

    @Test
    void everyOptionFromEnvironmentVariables() {
        Map<String, String> environment = new HashMap<>();
        OPTIONS.forEach(option -> environment.put(option.environmentVariable(), sample(option)));
        Config config = DataFnConfig.create(environment, Map.of(), List.of());
        assertEveryOptionRead(DataFnSettings.read(config.get("datafn")));
    }

    @Test
    void everyOptionFromEnvironmentVariablesAsHelidonAloneReadsThemLowerCased() {
        Map<String, String> environment = new HashMap<>();
        OPTIONS.forEach(option -> environment.put(option.environmentVariable(), sample(option)));
        Config config = Config.just(ConfigSources.create(EnvironmentVariables.expand(environment)));
        assertThat(config.get("datafn.limits.maxlimit").exists()).isTrue();
        assertEveryOptionRead(DataFnSettings.read(config.get("datafn")));
    }

    private static void assertEveryOptionRead(DataFnSettings settings) {
        for (ConfigOption option : OPTIONS) {
            Object expected = parsed(option);
            Object actual = switch (option.type()) {
                case ValueType.WholeNumber n -> settings.number(option.key()).orElse(null);
                case ValueType.Flag f -> settings.flag(option.key()).orElse(null);
                case ValueType.Items i -> settings.items(option.key()).orElse(null);
                default -> settings.text(option.key()).orElse(null);
            };
            assertThat(actual).as(option.fullKey()).isEqualTo(expected);
        }
    }

    @Test
    void systemPropertiesBeatEnvironmentVariablesWhichBeatTheFile() {
        var file = ConfigSources.create("""
                datafn:
                  limits:
                    maxLimit: 10
                    maxSortFields: 11
                    maxAggregations: 12
                """, MediaTypes.APPLICATION_X_YAML);
        Config config = DataFnConfig.create(
                Map.of("DATAFN_LIMITS_MAXLIMIT", "20", "DATAFN_LIMITS_MAXSORTFIELDS", "21"),
                Map.of("datafn.limits.maxLimit", "30"), List.of(), file);
        DataFnSettings settings = DataFnSettings.read(config.get("datafn"));
        assertThat(settings.integer("limits.maxLimit")).hasValue(30);
        assertThat(settings.integer("limits.maxSortFields")).hasValue(21);
        assertThat(settings.integer("limits.maxAggregations")).hasValue(12);
    }

    @Test
    void aLowerCasedEnvironmentVariableBeatsTheFilesSpellingUnderPlainHelidonToo() {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(EnvironmentVariables.expand(Map.of("DATAFN_LIMITS_MAXLIMIT", "20"))),
                        ConfigSources.create(Map.of("datafn.limits.maxLimit", "10")))
                .build();
        assertThat(DataFnSettings.read(config.get("datafn")).integer("limits.maxLimit")).hasValue(20);
    }

    @Test
    void otherEnvironmentVariablesReadAsHelidonReadsThem() {
        Config config = DataFnConfig.create(Map.of("SERVER_PORT", "8181"), Map.of(), List.of());
        assertThat(config.get("server.port").asInt().get()).isEqualTo(8181);
    }

    @Test
    void nothingSetIsNothingRead() {
        DataFnSettings settings = DataFnSettings.read(Config.empty().get("datafn"));
        OPTIONS.forEach(option -> assertThat(settings.has(option.key())).as(option.key()).isFalse());
    }

    @Test
    void theDefaultsAreSeed000s() {
        Map<String, String> seed = new LinkedHashMap<>();
        seed.put("limits.maxLimit", "100");
        seed.put("limits.maxTransactSteps", "100");
        seed.put("limits.maxPayloadBytes", "5242880");
        seed.put("limits.maxPullLimit", "1000");
        seed.put("limits.maxSelectTokens", "50");
        seed.put("limits.maxFilterKeysPerLevel", "20");
        seed.put("limits.maxSortFields", "10");
        seed.put("limits.maxAggregations", "20");
        seed.put("limits.maxIdLength", "255");
        seed.put("limits.maxBatchSize", "500");
        seed.put("limits.maxBatchQueryConcurrency", "20");
        seed.put("allowUnknownResources", "false");
        seed.put("rest", "false");
        seed.put("debug", "true");
        seed.put("rowLevelNamespace", "true");
        seed.put("rateLimit.enabled", "false");
        seed.put("rateLimit.maxRequests", "100");
        seed.put("rateLimit.windowSeconds", "60");
        Map<String, String> documented = new HashMap<>();
        OPTIONS.forEach(option -> documented.put(option.key(), option.defaultValue()));
        seed.forEach((key, value) -> assertThat(documented.get(key)).as(key).isEqualTo(value));
        // The documented defaults are the ones the engine really has when nothing is configured.
        Limits limits = Limits.DEFAULTS;
        assertThat(List.of(limits.maxLimit(), limits.maxPayloadBytes(), limits.maxTransactSteps(),
                limits.maxPullLimit(), limits.maxSelectTokens(), limits.maxFilterKeysPerLevel(), limits.maxSortFields(),
                limits.maxAggregations(), limits.maxIdLength(), limits.maxBatchSize(),
                limits.maxBatchQueryConcurrency()).stream().map(String::valueOf).toList())
                .isEqualTo(List.of("limits.maxLimit", "limits.maxPayloadBytes", "limits.maxTransactSteps",
                        "limits.maxPullLimit", "limits.maxSelectTokens", "limits.maxFilterKeysPerLevel",
                        "limits.maxSortFields", "limits.maxAggregations", "limits.maxIdLength",
                        "limits.maxBatchSize", "limits.maxBatchQueryConcurrency").stream()
                        .map(documented::get).toList());
        Retention keep = Retention.KEEP_ALL;
        assertThat(List.of(keep.changeLogDays() + "", keep.idempotencyDays() + "", keep.pruneOnStartup() + "",
                keep.pruneIntervalMs() + "")).isEqualTo(List.of(documented.get("retention.changeLogDays"),
                documented.get("retention.idempotencyDays"), documented.get("retention.pruneOnStartup"),
                documented.get("retention.pruneIntervalMs")));
    }

    /** Each option with a value it does not take, and the message that names it. */
    static final List<Object[]> INVALID = invalid();

    private static List<Object[]> invalid() {
        List<Object[]> cases = new java.util.ArrayList<>();
        for (ConfigOption option : OPTIONS) {
            List<String> bad = switch (option.type()) {
                case ValueType.WholeNumber n -> List.of("abc", "1.5", Long.toString(n.min() - 1),
                        Long.toString(n.max() + 1));
                case ValueType.Flag f -> List.of("yes", "1");
                case ValueType.Text t -> List.of(" ");
                case ValueType.AnyText t -> List.<String>of();
                case ValueType.OneOf o -> List.of("memcached");
                case ValueType.Items i -> List.of(" , ");
            };
            for (String value : bad) {
                cases.add(new Object[] {option.key(), value,
                        option.fullKey() + ": expected " + option.type().expected() + ", got \"" + value + "\""});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @FieldSource("INVALID")
    void everyInvalidValueIsRefusedNamingTheKey(String key, String value, String message) {
        Config config = Config.just(ConfigSources.create(Map.of("datafn." + key, value)));
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.faults()).containsExactly(message));
    }

    @Test
    void theMessageSaysWhatARangeIs() {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.limits.maxLimit", "abc")));
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .hasMessageContaining("datafn.limits.maxLimit: expected a whole number 1..10000, got \"abc\"");
    }

    @Test
    void anUnknownGroupIsNamedWithTheNearestKnownOne() {
        assertUnknown(Map.of("datafn.limts.maxLimit", "5"), "datafn.limts: unknown option; did you mean datafn.limits?");
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestKnownOne() {
        assertUnknown(Map.of("datafn.limits.maxLimt", "5"),
                "datafn.limits.maxLimt: unknown option; did you mean datafn.limits.maxLimit?");
    }

    @Test
    void anUnknownOptionFarFromAnyListsWhatIsAllowedThere() {
        assertUnknown(Map.of("datafn.retention.forever", "true"),
                "datafn.retention.forever: unknown option; allowed under datafn.retention: changeLogDays, "
                        + "idempotencyDays, pruneOnStartup, pruneIntervalMs");
    }

    @Test
    void aValueOnAGroupIsUnknown() {
        assertUnknown(Map.of("datafn.limits", "5"),
                "datafn.limits: unknown option; it takes no value itself, only the options below it");
    }

    @Test
    void anUnknownEnvironmentVariableIsNamedAsAKey() {
        Config config = DataFnConfig.create(Map.of("DATAFN_LIMTS_MAXLIMIT", "5"), Map.of(), List.of());
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.faults())
                        .containsExactly("datafn.limts: unknown option; did you mean datafn.limits?"));
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.limits.maxLimit", "0",
                "datafn.debug", "maybe", "datafn.limts.maxLimit", "5")));
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.faults()).hasSize(3))
                .hasMessageStartingWith("invalid configuration:");
    }

    @Test
    void anApplicationsOwnOptionsAreKnownOnlyWhenGiven() {
        Config config = Config.just(ConfigSources.create(Map.of("datafn.jwt.secret", "s")));
        ConfigOption secret = new ConfigOption("jwt.secret", new ValueType.Text(), "-", "the secret");
        assertThat(DataFnSettings.read(config.get("datafn"), List.of(secret)).text("jwt.secret")).hasValue("s");
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .hasMessageContaining("datafn.jwt: unknown option");
    }

    private static void assertUnknown(Map<String, String> values, String message) {
        Config config = Config.just(ConfigSources.create(values));
        assertThatThrownBy(() -> DataFnSettings.read(config.get("datafn")))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.faults()).containsExactly(message));
    }
}
