package dev.datafn.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.QueryHooks;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.write.MutationHooks;
import dev.datafn.query.plan.Plan;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

/** The plugins of an engine, in order; {@link #bind} makes the hooks of one call. */
public final class Plugins {

    private static final System.Logger LOG = System.getLogger(Plugins.class.getName());

    private final List<DataFnPlugin> list;

    /** @param plugins the plugins, in the order their hooks run */
    public Plugins(List<DataFnPlugin> plugins) {
        this.list = List.copyOf(plugins);
    }

    /** @return whether there is no plugin, so calls need no hooks */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * @param ctx the call's caller and action
     * @return the hooks of that call
     */
    public Bound bind(PluginContext ctx) {
        return new Bound(ctx);
    }

    /** The plugins' hooks for one call, as the query and write paths call them. */
    public final class Bound implements QueryHooks, MutationHooks {

        private final PluginContext ctx;

        private Bound(PluginContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void before(Plan plan) {
            PluginContext about = ctx.about(plan.resource().name());
            each(p -> refusing(p, () -> p.beforeQuery(about)));
        }

        @Override
        public void after(Plan plan, QueryResult result) {
            PluginContext about = ctx.about(plan.resource().name());
            each(p -> logging(p, "afterQuery", () -> p.afterQuery(about, result)));
        }

        @Override
        public void before(PreparedMutation mutation) {
            PluginContext about = ctx.about(mutation.resource().name());
            each(p -> refusing(p, () -> p.beforeMutation(about, mutation.mutation())));
        }

        @Override
        public void after(List<Committed> committed) {
            for (Committed c : committed) {
                PluginContext about = ctx.about(c.mutation().resource().name());
                each(p -> logging(p, "afterMutation", () -> p.afterMutation(about, c.mutation().mutation(),
                        c.result())));
            }
        }

        /**
         * @param phase   the sync phase
         * @param payload its request
         * @return the request as every plugin's {@code beforeSync} returned it, in order
         */
        public JsonNode beforeSync(String phase, JsonNode payload) {
            JsonNode current = payload;
            for (DataFnPlugin p : list) {
                JsonNode given = current;
                JsonNode[] changed = new JsonNode[1];
                refusing(p, () -> changed[0] = p.beforeSync(ctx, phase, given));
                if (changed[0] != null) {
                    current = changed[0];
                }
            }
            return current;
        }

        /**
         * @param phase   the sync phase
         * @param payload the request it ran
         */
        public void afterSync(String phase, JsonNode payload) {
            each(p -> logging(p, "afterSync", () -> p.afterSync(ctx, phase, payload)));
        }

        private void each(Consumer<DataFnPlugin> hook) {
            list.forEach(hook);
        }
    }

    /** Runs a before hook: a refusal the plugin words itself passes as it is, anything else is a 403. */
    private static void refusing(DataFnPlugin plugin, Runnable hook) {
        try {
            hook.run();
        } catch (DataFnException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DataFn plugin '" + plugin.name() + "' refused a request", e);
            throw new DataFnException(ErrorCode.FORBIDDEN, "refused by plugin '" + plugin.name() + "'");
        }
    }

    /** Runs an after hook: the work is done and stays done, so a failure is only logged. */
    private static void logging(DataFnPlugin plugin, String hookName, Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "DataFn plugin '" + plugin.name() + "' failed in " + hookName
                    + "; the work it followed stands", e);
        }
    }
}
