package dev.datafn.bench;

import java.util.random.RandomGenerator;

/**
 * Record ids in DataFn's form, {@code <prefix>_<ULID>}: 48 bits of milliseconds, 80 random bits, Crockford
 * base32. Ids made later sort later, so inserts append to the primary key index as DataFn's own do.
 */
final class TodoIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private TodoIds() {
    }

    /**
     * @param prefix the resource's id prefix, e.g. {@code td}
     * @param millis the creation time in epoch milliseconds
     * @param random the source of the random part
     * @return the id
     */
    static String next(String prefix, long millis, RandomGenerator random) {
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = CROCKFORD[random.nextInt(32)];
        }
        return prefix + "_" + new String(out);
    }

    /**
     * @param random the source of the random part
     * @return a new todo id made now
     */
    static String next(RandomGenerator random) {
        return next("td", System.currentTimeMillis(), random);
    }
}
