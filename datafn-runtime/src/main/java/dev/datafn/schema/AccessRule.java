package dev.datafn.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may read or write a resource or a field: one or more alternatives separated by {@code |}, any of
 * which lets the caller through.
 *
 * <ul>
 *   <li>{@code anyone}: every request the server accepted (authenticated when it requires authentication);</li>
 *   <li>{@code authenticated}: a request whose caller was proven by an authenticator;</li>
 *   <li>{@code nobody}: no request; only server code may (e.g. a field the server sets);</li>
 *   <li>{@code claim:NAME}: the caller's credentials carry claim {@code NAME} with a true value
 *       ({@code true}, {@code "true"}, a non-zero number, a non-empty list);</li>
 *   <li>{@code claim:NAME=VALUE}: the claim is {@code VALUE}, or is a list containing it (e.g.
 *       {@code claim:roles=admin}).</li>
 * </ul>
 *
 * <p>Examples: {@code "anyone"}, {@code "claim:admin"}, {@code "claim:role=editor | claim:admin"}.
 */
public final class AccessRule {

    /** Every accepted request. */
    public static final AccessRule ANYONE = parse("anyone");
    /** Every request with a proven caller. */
    public static final AccessRule AUTHENTICATED = parse("authenticated");
    /** No request. */
    public static final AccessRule NOBODY = parse("nobody");

    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,127}");

    private final String text;
    private final List<Term> alternatives;

    private AccessRule(String text, List<Term> alternatives) {
        this.text = text;
        this.alternatives = List.copyOf(alternatives);
    }

    /**
     * @param text a rule, e.g. {@code "claim:admin"}
     * @return the rule
     * @throws IllegalArgumentException when the text is not a rule, saying why
     */
    public static AccessRule parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Term> terms = new ArrayList<>();
        for (String alternative : text.split("\\|", -1)) {
            terms.add(term(alternative.strip(), text));
        }
        return new AccessRule(String.join(" | ", terms.stream().map(Term::toString).toList()), terms);
    }

    private static Term term(String t, String rule) {
        switch (t) {
            case "anyone" -> {
                return new Term.Anyone();
            }
            case "authenticated" -> {
                return new Term.Authenticated();
            }
            case "nobody" -> {
                return new Term.Nobody();
            }
            default -> {
                if (!t.startsWith("claim:")) {
                    throw new IllegalArgumentException("'" + t + "' in access rule '" + rule + "' is not one of "
                            + "anyone, authenticated, nobody, claim:NAME, claim:NAME=VALUE");
                }
                String claim = t.substring("claim:".length());
                int eq = claim.indexOf('=');
                String name = eq < 0 ? claim : claim.substring(0, eq);
                if (!CLAIM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' in access rule '" + rule + "' is not a claim "
                            + "name; use letters, digits, '_', '.', ':' or '-', starting with a letter or '_'");
                }
                String value = eq < 0 ? null : claim.substring(eq + 1);
                if (value != null && value.isBlank()) {
                    throw new IllegalArgumentException("claim '" + name + "' in access rule '" + rule + "' has an "
                            + "empty value; write claim:" + name + " to require it to be true");
                }
                return new Term.Claim(name, value);
            }
        }
    }

    /**
     * @param claims the proven caller's claims, or {@code null} when the request has no proven caller
     * @return whether this rule lets the caller through
     */
    public boolean allows(Map<String, Object> claims) {
        for (Term term : alternatives) {
            if (term.allows(claims)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this rule lets every accepted request through */
    public boolean allowsAnyone() {
        return alternatives.stream().anyMatch(t -> t instanceof Term.Anyone);
    }

    /** @return the rule in its canonical text form, e.g. {@code "claim:admin | claim:role=editor"} */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRule other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** One alternative of a rule. */
    private sealed interface Term {

        boolean allows(Map<String, Object> claims);

        record Anyone() implements Term {
            @Override
            public boolean allows(Map<String, Object> claims) {
                return true;
            }

            @Override
            public String toString() {
                return "anyone";
            }
        }

        record Authenticated() implements Term {
            @Override
            public boolean allows(Map<String, Object> claims) {
                return claims != null;
            }

            @Override
            public String toString() {
                return "authenticated";
            }
        }

        record Nobody() implements Term {
            @Override
            public boolean allows(Map<String, Object> claims) {
                return false;
            }

            @Override
            public String toString() {
                return "nobody";
            }
        }

        /** A claim that must be true, or hold a value. */
        record Claim(String name, String value) implements Term {
            @Override
            public boolean allows(Map<String, Object> claims) {
                if (claims == null) {
                    return false;
                }
                Object held = claims.get(name);
                if (held instanceof Collection<?> list) {
                    return value == null ? !list.isEmpty() : list.stream().anyMatch(v -> value.equals(String.valueOf(v)));
                }
                if (value != null) {
                    return held != null && value.equals(String.valueOf(held));
                }
                return switch (held) {
                    case Boolean b -> b;
                    case String s -> s.equals("true");
                    case Number n -> n.doubleValue() != 0;
                    case null, default -> false;
                };
            }

            @Override
            public String toString() {
                return value == null ? "claim:" + name : "claim:" + name + "=" + value;
            }
        }
    }
}
