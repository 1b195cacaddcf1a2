package dev.datafn.example.todo;

import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationResult;
import dev.datafn.plugin.DataFnPlugin;
import dev.datafn.plugin.PluginContext;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The example's plugin: one audit line per committed mutation, naming who changed which record how, and
 * never what it now holds (records may carry personal data; the audit says where to look, not what).
 * The namespace appears as a short hash, so the log does not spell out user or tenant ids.
 *
 * <pre>
 * audit action=mutation ns=3f2a9c1e actor=user-1 resource=todos operation=merge ids=[todo:1] serverSeq=42 deduped=false
 * </pre>
 */
public final class MutationAuditLog implements DataFnPlugin {

    private static final System.Logger LOG = System.getLogger("dev.datafn.audit");

    private final Consumer<String> sink;

    /** Writes the lines to the {@code dev.datafn.audit} logger, at INFO. */
    public MutationAuditLog() {
        this(line -> LOG.log(Level.INFO, line));
    }

    /** @param sink where each audit line goes */
    public MutationAuditLog(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public void afterMutation(PluginContext ctx, Mutation mutation, MutationResult result) {
        sink.accept("audit action=" + ctx.action() + " ns=" + hash(ctx.namespace().value())
                + " actor=" + (ctx.actorId() == null ? "-" : ctx.actorId())
                + " resource=" + ctx.resource()
                + " operation=" + mutation.operation().wireName()
                + " ids=" + result.affectedIds()
                + " serverSeq=" + result.serverSeq()
                + " deduped=" + result.deduped());
    }

    /** @return the first 8 hex digits of the SHA-256 of a namespace */
    static String hash(String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(namespace.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
