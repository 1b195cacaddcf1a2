package dev.datafn.example.todo;

import dev.datafn.http.JwtAuthenticator;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code token <user> [--tenant T] [--ttl 24h] [--admin]}: a bearer token for the example, signed with the
 * secret the server checks ({@link JwtSecret}), for curl sessions and development clients. {@code --admin}
 * adds the {@code admin} claim, which the example's policy asks of callers that write projects.
 */
final class TokenCommand {

    private static final String USAGE = "usage: token <user> [--tenant <tenant>] [--ttl <n>s|m|h|d] [--admin]";

    private TokenCommand() {
    }

    /**
     * @param config the configuration root
     * @param args   {@code token}, the user, then the options
     * @return the compact JWT
     * @throws IllegalArgumentException with the usage, for arguments it cannot read
     */
    static String run(Config config, String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new IllegalArgumentException(USAGE);
        }
        String user = args[1];
        String tenant = null;
        Duration ttl = Duration.ofHours(24);
        Map<String, Object> claims = Map.of();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--admin")) {
                claims = Map.of("admin", true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            switch (args[i]) {
                case "--tenant" -> tenant = args[++i];
                case "--ttl" -> ttl = duration(args[++i]);
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        return JwtAuthenticator.hs256(JwtSecret.resolve(config)).issue(user, tenant, ttl, claims);
    }

    /** @param text {@code 90s}, {@code 30m}, {@code 24h} or {@code 7d} @return the duration */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(USAGE);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(USAGE);
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(USAGE);
        };
    }
}
