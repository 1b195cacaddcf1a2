package dev.datafn.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum reconcile compares: the XOR of the SHA-256 digests of a table's record ids (UTF-8), as
 * 64 hex digits. Order does not matter, so a client adds ids as it finds them; an empty table's is all
 * zeros. Not thread-safe.
 */
public final class IdChecksum {

    private final byte[] sum = new byte[32];
    private final MessageDigest sha;

    /** Starts an empty checksum. */
    public IdChecksum() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @param id a record id to count in */
    public void add(String id) {
        byte[] digest = sha.digest(id.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < sum.length; i++) {
            sum[i] ^= digest[i];
        }
    }

    /** @return the checksum so far, 64 lowercase hex digits */
    public String hex() {
        return HexFormat.of().formatHex(sum);
    }

    /** @param ids record ids @return their checksum */
    public static String of(Iterable<String> ids) {
        IdChecksum checksum = new IdChecksum();
        ids.forEach(checksum::add);
        return checksum.hex();
    }
}
