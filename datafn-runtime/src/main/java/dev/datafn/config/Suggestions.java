package dev.datafn.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Says what an unknown key should have been: the first part of it no option has, and the nearest known part
 * in its place ({@code datafn.limts: unknown option; did you mean datafn.limits?}), or the parts allowed there.
 */
final class Suggestions {

    private Suggestions() {
    }

    static String unknown(String key, Collection<ConfigOption> known) {
        String[] parts = key.split("\\.");
        String prefix = "";
        for (String part : parts) {
            Set<String> allowed = new LinkedHashSet<>();
            for (ConfigOption option : known) {
                String rest = option.key();
                if (prefix.isEmpty() || rest.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT) + ".")) {
                    String tail = prefix.isEmpty() ? rest : rest.substring(prefix.length() + 1);
                    allowed.add(tail.split("\\.")[0]);
                }
            }
            boolean matches = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(part));
            String here = prefix.isEmpty() ? part : prefix + "." + part;
            if (!matches || allowed.isEmpty()) {
                String parent = prefix.isEmpty() ? "datafn." : "datafn." + prefix + ".";
                String nearest = allowed.stream()
                        .min(Comparator.comparingInt(a -> distance(a.toLowerCase(Locale.ROOT),
                                part.toLowerCase(Locale.ROOT))))
                        .orElse(null);
                if (nearest != null && distance(nearest.toLowerCase(Locale.ROOT), part.toLowerCase(Locale.ROOT))
                        <= Math.max(2, part.length() / 3)) {
                    return "datafn." + here + ": unknown option; did you mean " + parent + nearest + "?";
                }
                return "datafn." + here + ": unknown option; allowed under " + parent.substring(0,
                        parent.length() - 1) + ": " + String.join(", ", allowed);
            }
            prefix = here;
        }
        return "datafn." + key + ": unknown option; it takes no value itself, only the options below it";
    }

    /** Levenshtein distance: how many letters to add, drop or change to turn one word into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
