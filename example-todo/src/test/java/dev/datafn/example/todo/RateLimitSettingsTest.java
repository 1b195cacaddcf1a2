package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.http.RateLimit;
import dev.datafn.http.RateLimitBackend;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example reads seed 000's rate limit from configuration, in both spellings environment variables take. */
class RateLimitSettingsTest {

    @Test
    void offUnlessEnabled() {
        assertThat(RateLimitSettings.from(config(Map.of()))).isEmpty();
        assertThat(RateLimitSettings.from(config(Map.of("datafn.ratelimit.maxrequests", "5")))).isEmpty();
    }

    @Test
    void enabledWithSeedDefaultsAndEndpointRules() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.rateLimit.enabled", "true",
                "datafn.rateLimit.endpoints.mutation.maxRequests", "50"))).orElseThrow();
        assertThat(limit.rule()).isEqualTo(new RateLimit.Rule(100, Duration.ofSeconds(60)));
        assertThat(limit.endpoints()).containsEntry("mutation", new RateLimit.Rule(50, Duration.ofSeconds(60)));
    }

    @Test
    void environmentVariablesArriveLowerCased() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.ratelimit.enabled", "true",
                "datafn.ratelimit.maxrequests", "7", "datafn.ratelimit.windowseconds", "30",
                "datafn.ratelimit.endpoints.pull.maxrequests", "2"))).orElseThrow();
        assertThat(limit.rule()).isEqualTo(new RateLimit.Rule(7, Duration.ofSeconds(30)));
        assertThat(limit.endpoints()).containsEntry("pull", new RateLimit.Rule(2, Duration.ofSeconds(30)));
    }

    @Test
    void inProcessUnlessRedisIsNamed() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.rateLimit.enabled", "true"))).orElseThrow();
        assertThat(limit.backend()).isEqualTo(RateLimitBackend.inProcess());
    }

    @Test
    void redisBackendWithItsDefaults() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.ratelimit.enabled", "true",
                "datafn.ratelimit.backend", "redis"))).orElseThrow();
        assertThat(limit.backend()).isEqualTo(RateLimitBackend.redis(URI.create("redis://127.0.0.1:6379"),
                "datafn:ratelimit:"));
    }

    @Test
    void redisBackendFromEnvironmentVariables() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.ratelimit.enabled", "true",
                "datafn.ratelimit.backend", "redis", "datafn.ratelimit.redis.url", "redis://cache:6380",
                "datafn.ratelimit.redis.keyprefix", "todo:rl:", "datafn.ratelimit.redis.failclosed", "true")))
                .orElseThrow();
        assertThat(limit.backend()).isEqualTo(RateLimitBackend.redis(URI.create("redis://cache:6380"), "todo:rl:")
                .failClosed());
    }

    @Test
    void redisBackendUsesTheSequenceStoresRedisUnlessToldOtherwise() {
        RateLimit limit = RateLimitSettings.from(config(Map.of("datafn.rateLimit.enabled", "true",
                "datafn.rateLimit.backend", "redis", "datafn.redis.url", "redis://shared:6379"))).orElseThrow();
        assertThat(((RateLimitBackend.Redis) limit.backend()).url()).isEqualTo(URI.create("redis://shared:6379"));
    }

    @Test
    void anUnknownBackendIsRefused() {
        assertThatThrownBy(() -> RateLimitSettings.from(config(Map.of("datafn.rateLimit.enabled", "true",
                "datafn.rateLimit.backend", "memcached"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-process or redis");
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
