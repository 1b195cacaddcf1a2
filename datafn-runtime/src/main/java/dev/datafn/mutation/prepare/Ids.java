package dev.datafn.mutation.prepare;

import dev.datafn.error.DataFnException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Record ids: generated ones are {@code <idPrefix>_<26 characters>}, a millisecond timestamp and 80
 * random bits in Crockford base32 (ULID layout), so they sort by creation time and never collide in
 * practice. Client-chosen ids are accepted when short enough and made of safe characters.
 */
public final class Ids {

    /** Characters a client-chosen id may use: letters, digits and {@code _ - : .}. */
    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_\\-:.]+");

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * @param idPrefix the resource's prefix
     * @param nowMs    the current time in milliseconds
     * @return a new id
     */
    public static String generate(String idPrefix, long nowMs) {
        char[] out = new char[26];
        long time = nowMs;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long bits = 0;
        int available = 0;
        int r = 0;
        for (int i = 10; i < 26; i++) {
            if (available < 5) {
                bits = (bits << 8) | (random[r++] & 0xff);
                available += 8;
            }
            out[i] = CROCKFORD[(int) ((bits >>> (available - 5)) & 31)];
            available -= 5;
        }
        return idPrefix + "_" + new String(out);
    }

    /**
     * Checks a client-chosen id.
     *
     * @param id        the id
     * @param maxLength the longest allowed
     * @param path      where the request carries it
     * @return the id
     */
    public static String validate(String id, int maxLength, String path) {
        if (id.isEmpty() || id.length() > maxLength) {
            throw DataFnException.invalid(path, "an id has 1 to " + maxLength + " characters (maxIdLength)");
        }
        if (!ALLOWED.matcher(id).matches() || id.contains("..")) {
            throw DataFnException.invalid(path, "an id may contain only letters, digits and _ - : . (no '..')");
        }
        return id;
    }
}
