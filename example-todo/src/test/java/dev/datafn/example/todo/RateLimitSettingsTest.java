package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.http.RateLimit;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
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

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
