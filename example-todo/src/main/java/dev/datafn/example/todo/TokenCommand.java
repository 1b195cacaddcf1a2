package dev.datafn.example.todo;

import dev.datafn.http.JwtAuthenticator;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code token <user> [--tenant T] [--ttl 24h] [--admin]}: a bearer token for the example, signed with the
 * secret the server checks ({@link JwtSecret}), for curl sessions and development clients. {@code --admin}
 * adds the {@code admin} claim, which the example's policy asks of callers that write projects.
 */
@Command(name = "token", description = "Prints a bearer token for a user, signed with the secret the server checks.")
final class TokenCommand implements Callable<Integer> {

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<user>", description = "The user, the token's sub.")
    private String user;

    @Option(names = "--tenant", paramLabel = "<tenant>", description = "The tenant claim.")
    private String tenant;

    @Option(names = "--ttl", paramLabel = "<n>s|m|h|d", defaultValue = "24h", converter = TtlConverter.class,
            description = "How long the token is valid (default: ${DEFAULT-VALUE}).")
    private Duration ttl;

    @Option(names = "--admin", description = "Adds the admin claim, which writing projects asks for.")
    private boolean admin;

    /** @param configuration the configuration whose secret signs */
    TokenCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Integer call() {
        Map<String, Object> claims = admin ? Map.of("admin", true) : Map.of();
        spec.commandLine().getOut().println(JwtAuthenticator.hs256(JwtSecret.resolve(configuration.get()))
                .issue(user, tenant, ttl, claims));
        return 0;
    }

    /** Reads {@code --ttl}. */
    static final class TtlConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /**
     * @param text {@code 90s}, {@code 30m}, {@code 24h} or {@code 7d}
     * @return the duration
     * @throws picocli.CommandLine.TypeConversionException saying what is expected, for anything else
     */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long n = 0;
        if (t.length() >= 2) {
            try {
                n = Long.parseLong(t.substring(0, t.length() - 1));
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        if (n > 0) {
            switch (t.charAt(t.length() - 1)) {
                case 's' -> {
                    return Duration.ofSeconds(n);
                }
                case 'm' -> {
                    return Duration.ofMinutes(n);
                }
                case 'h' -> {
                    return Duration.ofHours(n);
                }
                case 'd' -> {
                    return Duration.ofDays(n);
                }
                default -> {
                }
            }
        }
        throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not a positive number of "
                + "seconds, minutes, hours or days, e.g. 90s, 30m, 24h, 7d");
    }
}
