package dev.datafn.sequence;

import jakarta.transaction.Synchronization;
import org.hibernate.Session;

/**
 * Ties a reservation held outside the database (in Redis, in a KV store) to the writing transaction:
 * just before commit the lease is renewed, and the commit refused if the lease already expired (a puller
 * may then have moved past the seq); after commit or rollback the reservation is released, so pull may
 * read past it.
 */
final class ReservationLease implements Synchronization {

    /** What a store does with one reservation. */
    interface Holder {
        /** @return whether the reservation was still held, now renewed for the commit */
        boolean renew();

        /** Ends the reservation. */
        void release();
    }

    private final Holder holder;

    private ReservationLease(Holder holder) {
        this.holder = holder;
    }

    /** Registers the reservation with the session's transaction. */
    static void attach(Session session, Holder holder) {
        session.getTransaction().registerSynchronization(new ReservationLease(holder));
    }

    @Override
    public void beforeCompletion() {
        if (!holder.renew()) {
            throw new IllegalStateException("the serverSeq reservation expired before commit (the transaction "
                    + "ran longer than the sequence store's lease); the transaction is rolled back");
        }
    }

    @Override
    public void afterCompletion(int status) {
        holder.release();
    }
}
