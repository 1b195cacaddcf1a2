package dev.datafn.example.todo;

import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret the example signs and checks bearer tokens with: {@code datafn.jwt.secret} /
 * {@code DATAFN_JWT_SECRET} when configured; otherwise a random development secret kept in the data
 * directory, readable by its owner only, so tokens survive a restart and no one runs without a secret.
 */
final class JwtSecret {

    private static final System.Logger LOG = System.getLogger(JwtSecret.class.getName());

    /** The file of the development secret, in the data directory. */
    static final String FILE = "jwt-secret";

    private JwtSecret() {
    }

    /**
     * @param config the configuration root
     * @return the secret, at least 32 bytes
     * @throws IllegalArgumentException when a configured secret is shorter than 32 bytes
     */
    static byte[] resolve(Config config) {
        var configured = config.get("datafn.jwt.secret").asString();
        if (configured.isPresent()) {
            byte[] secret = configured.get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalArgumentException("datafn.jwt.secret (DATAFN_JWT_SECRET) must be at least 32 bytes");
            }
            return secret;
        }
        Path file = file(config);
        byte[] secret = readOrCreate(file);
        LOG.log(Level.WARNING, "DataFn example runs with a development JWT secret from " + file
                + "; set DATAFN_JWT_SECRET in production");
        return secret;
    }

    /**
     * @param config the configuration root
     * @return the development secret when no {@code datafn.jwt.secret} is configured (made if missing, as
     *         {@link #resolve} makes it, without logging again), empty when one is
     */
    static java.util.Optional<byte[]> development(Config config) {
        if (config.get("datafn.jwt.secret").asString().isPresent()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(readOrCreate(file(config)));
    }

    private static Path file(Config config) {
        return Path.of(config.get("datafn.data-dir").asString().orElse("./data")).resolve(FILE).toAbsolutePath()
                .normalize();
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] secret = Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("the development JWT secret " + file + " holds " + secret.length
                        + " bytes, fewer than 32: delete it, and the next start makes a new one (tokens signed with"
                        + " the old one are then refused)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development JWT secret " + file, e);
        }
    }

    /**
     * Writes a new random secret to a temporary file readable by its owner only, then links it in place: the secret
     * appears whole or not at all, so a process starting meanwhile never reads it half written, and when another
     * process linked its own first, that one is kept and used by all.
     */
    private static void create(Path file) throws IOException {
        Path directory = file.getParent();
        Files.createDirectories(directory);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, FILE + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            temporary = Files.createTempFile(directory, FILE + ".", ".tmp");
        }
        try {
            Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException another) {
                // Another process made it first: its secret is the one kept.
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                // A file system without hard links (some mounted volumes): a rename is still whole, though two
                // processes racing here may each keep their own for this start.
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException another) {
                    // Another process made it first.
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
