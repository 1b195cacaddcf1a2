package dev.datafn.search;

import dev.datafn.db.Database;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The directory a full-text index lives in on disk, and what DataFn keeps beside the index there: each
 * namespace's <em>mark</em> (the serverSeq the committed index holds every change up to), with what identifies
 * the database and schema the index was built from, in {@value #MARKS_FILE}; and a lock file,
 * {@value #LOCK_FILE}, that one process holds while it uses the directory, so that a second server or the
 * {@code reindex} command cannot write the same index at once.
 *
 * <p>An index is kept across a restart only when its marks are there and name this database (JDBC URL and
 * user) and this schema (its hash). Otherwise (a new directory, marks lost, another database, a changed
 * schema) the index is emptied when the directory opens, before Hibernate Search opens it, and the
 * {@link SearchIndex} rebuilds it from the database. The marks file is replaced atomically (written beside,
 * then moved over), and only after the index committed what the marks cover: a crash between the two leaves
 * older marks, which only makes changes be indexed again.
 */
public final class SearchDirectory implements AutoCloseable {

    /** The file of the marks, in the directory. */
    public static final String MARKS_FILE = "datafn-marks.properties";
    /** The file one process locks while it uses the directory. */
    public static final String LOCK_FILE = "datafn.lock";

    private static final System.Logger LOG = System.getLogger(SearchDirectory.class.getName());
    private static final String MARK_PREFIX = "mark.";
    private static final String URL = "database.url";
    private static final String USER = "database.user";
    private static final String SCHEMA = "schema.hash";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Properties identity;
    private final Map<Namespace, Long> keptMarks;

    private SearchDirectory(Path root, FileChannel lockChannel, FileLock lock, Properties identity,
            Map<Namespace, Long> keptMarks) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.identity = identity;
        this.keptMarks = keptMarks;
    }

    /**
     * Opens the directory for one engine: creates it when missing, locks it, reads its marks and empties the
     * index when they are missing or belong to another database or schema.
     *
     * @param directory where the index lives
     * @param database  the database the index is built from
     * @param schema    the schema the index is built from
     * @return the open directory; close it after Hibernate closed the index
     * @throws IllegalStateException naming {@code datafn.search.directory} when the directory cannot be used:
     *         a file, not writable, or locked by another process
     */
    public static SearchDirectory open(Path directory, Database database, Schema schema) {
        Path root = directory.toAbsolutePath().normalize();
        usable(root);
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException(fault(root, "cannot open its lock file: " + e.getMessage()), e);
        }
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            close(channel);
            throw new IllegalStateException(inUse(root));
        }
        Properties identity = new Properties();
        identity.setProperty(URL, database.jdbcUrl());
        identity.setProperty(USER, database.user());
        identity.setProperty(SCHEMA, schema.hash());
        try {
            Map<Namespace, Long> kept = readMarks(root, identity);
            if (kept == null) {
                empty(root);
            }
            return new SearchDirectory(root, channel, lock, identity, kept);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /**
     * @param root the directory
     * @return the message that another process holds the directory, for a server or a command to show
     */
    public static String inUse(Path root) {
        return "datafn.search.directory " + root + " is in use by another DataFn process (a running server holds "
                + "its lock, " + LOCK_FILE + "): stop it first, or give this one another directory";
    }

    private static String fault(Path root, String what) {
        return "datafn.search.directory " + root + " cannot hold the search index: " + what;
    }

    private static void usable(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalStateException(fault(root, "it is a file, not a directory"));
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalStateException(fault(root, "it cannot be created (" + e + ")"), e);
        }
        if (!Files.isWritable(root)) {
            throw new IllegalStateException(fault(root, "it is not writable"));
        }
    }

    /** @return the marks of an index built from this database and schema, or {@code null} to rebuild it */
    private static Map<Namespace, Long> readMarks(Path root, Properties identity) {
        Path file = root.resolve(MARKS_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable search index marks in " + file + "; rebuilding the index", e);
            return null;
        }
        for (String key : identity.stringPropertyNames()) {
            if (!identity.getProperty(key).equals(saved.getProperty(key))) {
                LOG.log(System.Logger.Level.INFO, "the search index in " + root + " was built from another database "
                        + "or schema (" + key + " differs); rebuilding it from this one");
                return null;
            }
        }
        Map<Namespace, Long> marks = new TreeMap<>(java.util.Comparator.comparing(Namespace::value));
        for (String key : saved.stringPropertyNames()) {
            if (key.startsWith(MARK_PREFIX)) {
                try {
                    marks.put(Namespace.of(key.substring(MARK_PREFIX.length())), Long.parseLong(saved.getProperty(key)));
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.WARNING, "bad search index mark " + key + " in " + file
                            + "; rebuilding the index", e);
                    return null;
                }
            }
        }
        return Map.copyOf(marks);
    }

    /** Deletes the index and the marks, keeping the lock file (held) and the directory itself. */
    private static void empty(Path root) {
        try (var children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(LOCK_FILE)) {
                    deleteTree(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(fault(root, "its old index cannot be deleted"), e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** @return the directory, absolute */
    public Path root() {
        return root;
    }

    /**
     * @return whether the index on disk was kept: its marks name this database and schema; when not, it was
     *         emptied at opening and must be rebuilt
     */
    public boolean kept() {
        return keptMarks != null;
    }

    /** @return the marks the index was kept with; empty when it was not kept */
    public Map<Namespace, Long> keptMarks() {
        return keptMarks == null ? Map.of() : keptMarks;
    }

    /**
     * Replaces the marks file atomically. Call only once the index has committed every change the marks cover.
     *
     * @param marks each namespace's mark
     */
    public void writeMarks(Map<Namespace, Long> marks) {
        Properties properties = new Properties();
        properties.putAll(identity);
        marks.forEach((namespace, seq) -> properties.setProperty(MARK_PREFIX + namespace.value(), Long.toString(seq)));
        Path file = root.resolve(MARKS_FILE);
        Path temporary = root.resolve(MARKS_FILE + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                properties.store(out, "DataFn search index marks: the serverSeq each namespace is indexed up to");
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search index marks " + file, e);
        }
    }

    /**
     * Deletes the marks file, so that a start after a crash rebuilds the index instead of trusting it: done
     * before the whole index is rebuilt.
     */
    public void forgetMarks() {
        try {
            Files.deleteIfExists(root.resolve(MARKS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the search index marks in " + root, e);
        }
    }

    /** Releases the lock; call it after Hibernate Search closed the index. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release the lock of " + root, e);
        } finally {
            close(lockChannel);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close a search index lock file", e);
        }
    }

    @Override
    public String toString() {
        return Objects.toString(root);
    }
}
