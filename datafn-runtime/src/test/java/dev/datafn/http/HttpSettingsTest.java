package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.config.DataFnConfig;
import dev.datafn.config.DataFnSettings;
import dev.datafn.config.InvalidConfigException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP service's rate limit and CORS policy from configuration, as files and environment variables give them. */
class HttpSettingsTest {

    @Test
    void theWebSocketLimitsAndHeartbeatsFromEnvironmentVariablesOverTheBuildersOnes() {
        dev.datafn.realtime.RealtimeSettings current = new dev.datafn.realtime.RealtimeSettings(5, 4,
                Duration.ofSeconds(3), Duration.ofSeconds(2));
        assertThat(HttpSettings.realtime(settings(Map.of()), current)).isEqualTo(current);
        Config config = DataFnConfig.create(Map.of("DATAFN_WS_MAXCONNECTIONS", "20000",
                "DATAFN_WS_MAXCONNECTIONSPERNAMESPACE", "7", "DATAFN_WS_HEARTBEATINTERVALMS", "1500"), Map.of(),
                List.of());
        assertThat(HttpSettings.realtime(DataFnSettings.read(config.get("datafn")), current)).isEqualTo(
                new dev.datafn.realtime.RealtimeSettings(20_000, 7, Duration.ofMillis(1_500), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> settings(Map.of("datafn.ws.heartbeatTimeoutMs", "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("datafn.ws.heartbeatTimeoutMs");
    }

    @Test
    void theRateLimitIsLeftAloneUnlessEnabledIsSet() {
        assertThat(HttpSettings.rateLimit(settings(Map.of()))).isEmpty();
        assertThat(HttpSettings.rateLimit(settings(Map.of("datafn.rateLimit.maxRequests", "5")))).isEmpty();
        assertThat(HttpSettings.rateLimit(settings(Map.of("datafn.rateLimit.enabled", "false"))))
                .hasValue(Optional.empty());
    }

    @Test
    void enabledWithSeedDefaultsAndEndpointRules() {
        RateLimit limit = rateLimit(Map.of("datafn.rateLimit.enabled", "true",
                "datafn.rateLimit.endpoints.mutation.maxRequests", "50"));
        assertThat(limit.rule()).isEqualTo(new RateLimit.Rule(100, Duration.ofSeconds(60)));
        assertThat(limit.endpoints()).containsOnlyKeys("mutation")
                .containsEntry("mutation", new RateLimit.Rule(50, Duration.ofSeconds(60)));
        assertThat(limit.backend()).isEqualTo(RateLimitBackend.inProcess());
    }

    @Test
    void theRateLimitFromEnvironmentVariables() {
        Config config = DataFnConfig.create(Map.of("DATAFN_RATELIMIT_ENABLED", "true",
                "DATAFN_RATELIMIT_MAXREQUESTS", "7", "DATAFN_RATELIMIT_WINDOWSECONDS", "30",
                "DATAFN_RATELIMIT_ENDPOINTS_PULL_MAXREQUESTS", "2", "DATAFN_RATELIMIT_BACKEND", "redis",
                "DATAFN_RATELIMIT_REDIS_URL", "redis://cache:6380", "DATAFN_RATELIMIT_REDIS_KEYPREFIX", "todo:rl:",
                "DATAFN_RATELIMIT_REDIS_FAILCLOSED", "true"), Map.of(), List.of());
        RateLimit limit = HttpSettings.rateLimit(DataFnSettings.read(config.get("datafn"))).orElseThrow().orElseThrow();
        assertThat(limit.rule()).isEqualTo(new RateLimit.Rule(7, Duration.ofSeconds(30)));
        assertThat(limit.endpoints()).containsEntry("pull", new RateLimit.Rule(2, Duration.ofSeconds(30)));
        assertThat(limit.backend()).isEqualTo(RateLimitBackend.redis(URI.create("redis://cache:6380"), "todo:rl:")
                .failClosed());
    }

    @Test
    void aRedisBackendWithItsDefaultsUsesTheSharedRedisUnlessToldOtherwise() {
        assertThat(rateLimit(Map.of("datafn.rateLimit.enabled", "true", "datafn.rateLimit.backend", "redis"))
                .backend()).isEqualTo(RateLimitBackend.redis(URI.create("redis://127.0.0.1:6379"), "datafn:ratelimit:"));
        assertThat(((RateLimitBackend.Redis) rateLimit(Map.of("datafn.rateLimit.enabled", "true",
                "datafn.rateLimit.backend", "redis", "datafn.redis.url", "redis://shared:6379")).backend()).url())
                .isEqualTo(URI.create("redis://shared:6379"));
    }

    @Test
    void corsIsLeftAloneUnlessSet() {
        assertThat(HttpSettings.cors(settings(Map.of()), null)).isEmpty();
    }

    @Test
    void corsOriginsNoneTurnsItOff() {
        assertThat(HttpSettings.cors(settings(Map.of("datafn.cors.origins", "none")),
                CorsPolicy.allowOrigins("https://a.example.com"))).hasValue(Optional.empty());
    }

    @Test
    void everyCorsOptionFromEnvironmentVariables() {
        Config config = DataFnConfig.create(Map.of(
                "DATAFN_CORS_ORIGINS", "https://todo.example.com, https://*.todo.example.com",
                "DATAFN_CORS_METHODS", "GET,POST",
                "DATAFN_CORS_HEADERS", "Authorization,Content-Type,X-Request-Id",
                "DATAFN_CORS_EXPOSEDHEADERS", "Retry-After",
                "DATAFN_CORS_CREDENTIALS", "true",
                "DATAFN_CORS_MAXAGESECONDS", "3600"), Map.of(), List.of());
        CorsPolicy policy = HttpSettings.cors(DataFnSettings.read(config.get("datafn")), null).orElseThrow()
                .orElseThrow();
        assertThat(policy).isEqualTo(new CorsPolicy(List.of("https://todo.example.com", "https://*.todo.example.com"),
                List.of("GET", "POST"), List.of("Authorization", "Content-Type", "X-Request-Id"), List.of("Retry-After"),
                true, Duration.ofHours(1)));
    }

    @Test
    void aCorsOptionWithoutOriginsAdjustsThePolicySetBefore() {
        CorsPolicy before = CorsPolicy.allowOrigins("http://localhost:*");
        CorsPolicy policy = HttpSettings.cors(settings(Map.of("datafn.cors.maxAgeSeconds", "60")), before)
                .orElseThrow().orElseThrow();
        assertThat(policy).isEqualTo(before.maxAge(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> HttpSettings.cors(settings(Map.of("datafn.cors.maxAgeSeconds", "60")), null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("set datafn.cors.origins");
    }

    @Test
    void anOriginThatIsNotOneIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> HttpSettings.cors(settings(Map.of("datafn.cors.origins",
                "https://todo.example.com/app")), null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("datafn.cors.origins: ")
                .hasMessageContaining("no path");
    }

    private static RateLimit rateLimit(Map<String, String> values) {
        return HttpSettings.rateLimit(settings(values)).orElseThrow().orElseThrow();
    }

    private static DataFnSettings settings(Map<String, String> values) {
        return DataFnSettings.read(Config.just(ConfigSources.create(values)).get("datafn"));
    }
}
