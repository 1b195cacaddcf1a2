package dev.datafn.example.todo;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Makes SIGTERM and SIGINT shut the server down gracefully and end the process with status 0: an
 * orchestrator's stop is a server's ordinary end, not a failure. A shutdown hook alone cannot do that (the
 * JVM exits 143 after SIGTERM however the hooks end), so the signals are handled through the JDK's
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}), reached by reflection because the compiler warns
 * about every direct use of it. Where it is missing, the shutdown hook still closes the server gracefully.
 */
final class StopSignals {

    private static final Logger LOG = System.getLogger(StopSignals.class.getName());

    private StopSignals() {
    }

    /**
     * Installs the handlers, and a shutdown hook for every other way the JVM may end.
     *
     * @param server the server to close
     */
    static void install(Main.Server server) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "datafn-shutdown"));
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> stop(server, args[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "StopSignals";
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot handle SIGTERM/SIGINT; the shutdown hook drains requests, and the "
                    + "process exits with the JVM's status for the signal", e);
        }
    }

    private static Object stop(Main.Server server, Object signal) {
        LOG.log(Level.INFO, "{0}: shutting down, letting requests in flight finish", signal);
        // The JDK runs signal handlers on a daemon thread: once the web server's threads end, the JVM would exit
        // under it, cutting the last log lines. A thread of our own keeps the JVM up until the exit it chooses;
        // exiting runs the shutdown hook, where closing again does nothing.
        Thread stopping = new Thread(() -> {
            int status = 0;
            try {
                server.close();
                LOG.log(Level.INFO, "stopped");
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "shutdown failed", e);
                status = 1;
            } finally {
                System.exit(status);
            }
        }, "datafn-stop");
        stopping.setDaemon(false);
        stopping.start();
        return null;
    }
}
