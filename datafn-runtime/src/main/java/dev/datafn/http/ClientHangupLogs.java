package dev.datafn.http;

import java.lang.System.Logger.Level;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Helidon 4.5 logs a client that closes its connection in the middle of a request's head (before any route runs)
 * as "Internal server error", a warning with a stack trace of twenty lines: a client fault, told as a server one,
 * which a few hundred aborted requests turn into thousands of log lines. This filter on Helidon's HTTP/1 logger
 * tells such a hang-up in one line instead, and lets every other record through as it was.
 */
final class ClientHangupLogs implements Filter {

    private static final System.Logger LOG = System.getLogger(ClientHangupLogs.class.getName());

    /** Held here: java.util.logging keeps loggers weakly, and a logger collected would lose its filter. */
    private static final Logger HTTP1 = Logger.getLogger("io.helidon.webserver.http1.Http1Connection");

    private final Filter previous;

    private ClientHangupLogs(Filter previous) {
        this.previous = previous;
    }

    /** Puts the filter on Helidon's HTTP/1 logger, once, keeping a filter already there. */
    static synchronized void install() {
        if (!(HTTP1.getFilter() instanceof ClientHangupLogs)) {
            HTTP1.setFilter(new ClientHangupLogs(HTTP1.getFilter()));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        // Only Helidon's server-error warning of a request cut short: other records, I/O faults of the server's
        // own included, pass as they are.
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() && record.getThrown() != null
                && hungUpMidRequest(record.getThrown())) {
            LOG.log(Level.INFO, "a client closed its connection before the end of its request's head");
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    /** @return whether the failure is the data of a request that stopped arriving: its client went away */
    private static boolean hungUpMidRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.helidon.common.buffers.DataReader.InsufficientDataAvailableException) {
                return true;
            }
        }
        return false;
    }
}
