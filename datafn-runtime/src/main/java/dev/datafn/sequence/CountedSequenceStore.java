package dev.datafn.sequence;

import dev.datafn.schema.Namespace;
import java.util.concurrent.atomic.LongAdder;
import org.hibernate.Session;

/**
 * A sequence store that counts, in this process, the seqs it issued and the seqs whose transaction has
 * ended (committed or rolled back): their difference, the sequence-store lag, is how many reserved seqs are
 * still in flight, which is what holds {@link SequenceStore#settled} back for pullers.
 */
public final class CountedSequenceStore implements SequenceStore {

    private final SequenceStore delegate;
    private final LongAdder issued = new LongAdder();
    private final LongAdder settled = new LongAdder();

    /** @param delegate the store that issues the seqs */
    public CountedSequenceStore(SequenceStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void ensureCounter(Namespace namespace) {
        delegate.ensureCounter(namespace);
    }

    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        long last = delegate.reserve(session, namespace, count);
        issued.add(count);
        // The reservation ends with the transaction, whichever way it ends.
        session.getTransaction().registerSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                settled.add(count);
            }
        });
        return last;
    }

    @Override
    public long settled(Session session, Namespace namespace) {
        return delegate.settled(session, namespace);
    }

    @Override
    public boolean settledMatchesSnapshot() {
        return delegate.settledMatchesSnapshot();
    }

    @Override
    public boolean settledAtCommit() {
        return delegate.settledAtCommit();
    }

    /** @return seqs issued by this process since it started */
    public long issued() {
        return issued.sum();
    }

    /** @return seqs issued by this process whose transaction has ended */
    public long settledCount() {
        return settled.sum();
    }

    /** @return seqs issued by this process whose transaction is still open (issued minus settled) */
    public long lag() {
        return Math.max(0, issued.sum() - settled.sum());
    }
}
