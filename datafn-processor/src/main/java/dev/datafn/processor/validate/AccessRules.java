package dev.datafn.processor.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of access rules ({@code @Policy}, {@code @Field(read, write)}), checked at compile time so
 * a mistyped rule is a compile error rather than a server that refuses to start: alternatives separated
 * by {@code |}, each {@code anyone}, {@code authenticated}, {@code nobody}, {@code claim:NAME} or
 * {@code claim:NAME=VALUE}. The runtime's {@code AccessRule} parses the same grammar.
 */
final class AccessRules {

    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,127}");

    private AccessRules() {
    }

    /** @param rule a rule as written @return what is wrong with it, or empty when it is a rule */
    static Optional<String> problem(String rule) {
        for (String alternative : rule.split("\\|", -1)) {
            String t = alternative.strip();
            if (t.equals("anyone") || t.equals("authenticated") || t.equals("nobody")) {
                continue;
            }
            if (!t.startsWith("claim:")) {
                return Optional.of("'" + t + "' is not one of anyone, authenticated, nobody, claim:NAME, "
                        + "claim:NAME=VALUE");
            }
            String claim = t.substring("claim:".length());
            int eq = claim.indexOf('=');
            String name = eq < 0 ? claim : claim.substring(0, eq);
            if (!CLAIM_NAME.matcher(name).matches()) {
                return Optional.of("'" + name + "' is not a claim name (letters, digits, '_', '.', ':', '-')");
            }
            if (eq >= 0 && claim.substring(eq + 1).isBlank()) {
                return Optional.of("claim '" + name + "' has an empty value");
            }
        }
        return Optional.empty();
    }
}
