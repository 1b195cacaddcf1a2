package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which origins a policy's patterns allow, and the policies refused when they are made. */
class CorsPolicyTest {

    @Test
    void anExactOriginMatchesItselfOnly() {
        OriginPattern page = OriginPattern.parse("https://todo.example.com");
        assertThat(page.matches("https://todo.example.com")).isTrue();
        assertThat(page.matches("HTTPS://Todo.Example.com")).as("origins compare without case").isTrue();
        assertThat(page.matches("http://todo.example.com")).as("another scheme").isFalse();
        assertThat(page.matches("https://todo.example.com:8443")).as("another port").isFalse();
        assertThat(page.matches("https://todo.example.com.evil")).isFalse();
        assertThat(page.matches("https://eviltodo.example.com")).isFalse();
    }

    @Test
    void aWildcardPortMatchesAnyPortOfThatHost() {
        OriginPattern localhost = OriginPattern.parse("http://localhost:*");
        assertThat(localhost.matches("http://localhost:5173")).isTrue();
        assertThat(localhost.matches("http://localhost")).isTrue();
        assertThat(localhost.matches("http://localhost.evil:5173")).isFalse();
        assertThat(localhost.matches("http://localhost:5173.evil")).isFalse();
        assertThat(localhost.matches("https://localhost:5173")).isFalse();
    }

    @Test
    void aWildcardSubdomainMatchesSubdomainsButNotTheDomain() {
        OriginPattern sub = OriginPattern.parse("https://*.example.com");
        assertThat(sub.matches("https://app.example.com")).isTrue();
        assertThat(sub.matches("https://a.b.example.com")).isTrue();
        assertThat(sub.matches("https://example.com")).isFalse();
        assertThat(sub.matches("https://evilexample.com")).isFalse();
        assertThat(sub.matches("https://app.example.com.evil")).isFalse();
    }

    @Test
    void whatIsNotAnOriginIsRefused() {
        for (String notAnOrigin : new String[] {"todo.example.com", "https://todo.example.com/", "https://todo.example.com/app",
                "https://to*do.example.com", "https://*", "http://localhost:8*", "null", ""}) {
            assertThatThrownBy(() -> CorsPolicy.allowOrigins(notAnOrigin)).as(notAnOrigin)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anyOriginWithCredentialsIsRefused() {
        assertThat(CorsPolicy.allowOrigins("*").origins()).containsExactly("*");
        assertThatThrownBy(() -> CorsPolicy.allowOrigins("*").allowCredentials(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
        assertThatThrownBy(CorsPolicy::allowOrigins).isInstanceOf(IllegalArgumentException.class);
    }
}
