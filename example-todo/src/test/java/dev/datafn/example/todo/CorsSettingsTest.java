package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.http.CorsPolicy;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example reads its CORS policy from configuration, in both spellings environment variables take. */
class CorsSettingsTest {

    @Test
    void developmentPagesOnThisMachineByDefault() {
        CorsPolicy policy = CorsSettings.from(config(Map.of())).orElseThrow();
        assertThat(policy.origins()).containsExactly("http://localhost:*", "http://127.0.0.1:*");
        assertThat(policy.methods()).isEqualTo(CorsPolicy.DEFAULT_METHODS);
        assertThat(policy.credentials()).isFalse();
        assertThat(policy.maxAge()).isEqualTo(CorsPolicy.DEFAULT_MAX_AGE);
    }

    @Test
    void noneTurnsItOff() {
        assertThat(CorsSettings.from(config(Map.of("datafn.cors.origins", "none")))).isEmpty();
    }

    @Test
    void everySettingFromEnvironmentVariables() {
        CorsPolicy policy = CorsSettings.from(config(Map.of(
                "datafn.cors.origins", "https://todo.example.com, https://*.todo.example.com",
                "datafn.cors.methods", "GET,POST",
                "datafn.cors.headers", "Authorization,Content-Type,X-Request-Id",
                "datafn.cors.exposedheaders", "Retry-After",
                "datafn.cors.credentials", "true",
                "datafn.cors.maxageseconds", "3600"))).orElseThrow();
        assertThat(policy).isEqualTo(new CorsPolicy(List.of("https://todo.example.com", "https://*.todo.example.com"),
                List.of("GET", "POST"), List.of("Authorization", "Content-Type", "X-Request-Id"), List.of("Retry-After"),
                true, Duration.ofHours(1)));
    }

    @Test
    void anOriginThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> CorsSettings.from(config(Map.of("datafn.cors.origins", "https://todo.example.com/app"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
