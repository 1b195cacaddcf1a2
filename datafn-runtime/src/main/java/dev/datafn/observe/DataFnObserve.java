package dev.datafn.observe;

import dev.datafn.DataFn;
import dev.datafn.Vitals;
import dev.datafn.http.TimingEvent;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Health and metrics of a served engine, for Helidon observe at {@code /observe/health} and
 * {@code /observe/metrics}:
 *
 * <pre>{@code
 * DataFnObserve observe = DataFnObserve.builder(datafn).redis(redisUrl).build();
 * DataFnHttp http = DataFnHttp.builder(datafn).onTiming(observe).build();
 * WebServer.builder().addFeature(observe.feature()).routing(r -> r.register("/datafn", http)).build().start();
 * }</pre>
 *
 * <p>Liveness ({@code /observe/health/live}) is UP while the process serves. Readiness
 * ({@code /observe/health/ready}) is UP when the database gives a working connection, every configured
 * dependency (Redis) answers, and the server is not {@linkplain #stopping() stopping}.
 *
 * <p>Metrics, each tagged {@code engine} with the {@linkplain Builder#name name}, fed by the requests it hears as a {@linkplain dev.datafn.http.DataFnHttp.Builder#onTiming
 * timing listener}: {@code datafn.requests} (counter) and {@code datafn.request.duration} (timer), both
 * tagged {@code action} and {@code status}; gauges {@code datafn.pool.active|idle|total|waiting|max},
 * {@code datafn.changelog.rows} and {@code datafn.idempotency.rows} (read at most once per
 * {@linkplain Builder#tableSizePeriod period}), {@code datafn.sequence.issued} and {@code datafn.sequence.lag}
 * (serverSeqs reserved whose transaction is still open).
 */
public final class DataFnObserve implements Consumer<TimingEvent> {

    private final Vitals vitals;
    private final MeterRegistry registry;
    private final Duration databaseWait;
    private final Map<String, BooleanSupplier> dependencies;
    private final List<BooleanSupplier> stoppingSignals;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ObserveFeature feature;
    private final Tag engineTag;

    private DataFnObserve(Builder b) {
        this.vitals = b.datafn.vitals();
        this.registry = b.registry != null ? b.registry : Metrics.globalRegistry();
        this.engineTag = Tag.create("engine", b.name);
        this.databaseWait = b.databaseWait;
        this.dependencies = Map.copyOf(b.dependencies);
        this.stoppingSignals = List.copyOf(b.stoppingSignals);
        registerGauges(b.tableSizePeriod);
        this.feature = ObserveFeature.builder()
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .useSystemServices(false)
                        .addCheck(live())
                        .addCheck(ready())
                        .build())
                .addObserver(MetricsObserver.builder().meterRegistry(registry).build())
                .build();
    }

    /**
     * @param datafn the engine to watch
     * @return a builder
     */
    public static Builder builder(DataFn datafn) {
        return new Builder(datafn);
    }

    /** @return the Helidon feature serving {@code /observe/health} and {@code /observe/metrics}; add it to the web server */
    public ObserveFeature feature() {
        return feature;
    }

    /** @return the registry the metrics are kept in */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Readiness answers DOWN from now on, so load balancers stop sending requests: what graceful shutdown
     * calls first. It cannot be undone; liveness stays UP while in-flight requests drain.
     */
    public void stopping() {
        stopping.set(true);
    }

    /** @return whether readiness is held DOWN because the server is stopping */
    public boolean isStopping() {
        return stopping.get() || stoppingSignals.stream().anyMatch(BooleanSupplier::getAsBoolean);
    }

    /** Counts one request and its duration, by action and status. */
    @Override
    public void accept(TimingEvent event) {
        List<Tag> tags = List.of(engineTag, Tag.create("action", event.action()), Tag.create("status",
                Integer.toString(event.status())));
        registry.getOrCreate(Counter.builder("datafn.requests").tags(tags)
                .description("DataFn requests answered, by action and HTTP status")).increment();
        registry.getOrCreate(Timer.builder("datafn.request.duration").tags(tags)
                .description("DataFn request latency, by action and HTTP status"))
                .record(Duration.ofNanos(event.totalMicros() * 1_000));
    }

    private HealthCheck live() {
        return new Check("datafn", HealthCheckType.LIVENESS, () -> HealthCheckResponse.builder().status(true).build());
    }

    private HealthCheck ready() {
        return new Check("datafn", HealthCheckType.READINESS, () -> {
            HealthCheckResponse.Builder answer = HealthCheckResponse.builder();
            boolean up = true;
            boolean stoppingNow = isStopping();
            answer.detail("stopping", stoppingNow);
            up &= !stoppingNow;
            boolean database = vitals.databaseReachable(databaseWait);
            answer.detail("database", database ? "UP" : "DOWN");
            up &= database;
            for (Map.Entry<String, BooleanSupplier> dependency : dependencies.entrySet()) {
                boolean answers = dependency.getValue().getAsBoolean();
                answer.detail(dependency.getKey(), answers ? "UP" : "DOWN");
                up &= answers;
            }
            return answer.status(up).build();
        });
    }

    private void registerGauges(Duration tableSizePeriod) {
        gauge("datafn.pool.active", "connections in use", v -> v.pool().active());
        gauge("datafn.pool.idle", "connections open and idle", v -> v.pool().idle());
        gauge("datafn.pool.total", "connections open", v -> v.pool().total());
        gauge("datafn.pool.waiting", "threads waiting for a connection", v -> v.pool().waiting());
        gauge("datafn.pool.max", "the most connections the pool opens", v -> v.pool().max());
        CachedReading changes = new CachedReading(vitals::changeLogRows, tableSizePeriod);
        CachedReading idempotency = new CachedReading(vitals::idempotencyRows, tableSizePeriod);
        gauge("datafn.changelog.rows", "rows in the change log (estimate on PostgreSQL)", v -> changes.get());
        gauge("datafn.idempotency.rows", "rows in the idempotency table (estimate on PostgreSQL)",
                v -> idempotency.get());
        gauge("datafn.sequence.issued", "serverSeqs this process reserved", Vitals::sequencesIssued);
        gauge("datafn.sequence.lag", "serverSeqs reserved whose transaction is still open", Vitals::sequenceLag);
    }

    private void gauge(String name, String description, ToDoubleFunction<Vitals> reading) {
        // An engine of the same name built again in this process (a restart in place) reads its own vitals.
        registry.remove(name, List.of(engineTag));
        registry.getOrCreate(Gauge.builder(name, vitals, reading).tags(List.of(engineTag)).description(description));
    }

    /** A health check of a name and type whose answer a supplier gives. */
    private record Check(String name, HealthCheckType type, java.util.function.Supplier<HealthCheckResponse> answer)
            implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return answer.get();
        }
    }

    /** Configures and builds a {@link DataFnObserve}. */
    public static final class Builder {
        private final DataFn datafn;
        private MeterRegistry registry;
        private String name = "datafn";
        private Duration databaseWait = Duration.ofSeconds(2);
        private Duration tableSizePeriod = Duration.ofSeconds(30);
        private final Map<String, BooleanSupplier> dependencies = new LinkedHashMap<>();
        private final List<BooleanSupplier> stoppingSignals = new ArrayList<>();

        private Builder(DataFn datafn) {
            this.datafn = Objects.requireNonNull(datafn, "datafn");
            // Readiness goes DOWN the moment the engine starts its graceful shutdown.
            stoppingSignals.add(datafn::isShuttingDown);
        }

        /**
         * @param registry where to keep the metrics (default: Helidon's global registry, served with the
         *                 application's own metrics)
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * @param name the value of the {@code engine} tag on every meter (default {@code datafn}): tells
         *             apart two engines served by one process
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param wait how long readiness waits for a database connection (default 2 s) @return this builder */
        public Builder databaseWait(Duration wait) {
            this.databaseWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * @param period how long a change-log or idempotency table size stays fresh (default 30 s): reading
         *               them costs a query, which a scrape every few seconds should not pay each time
         * @return this builder
         */
        public Builder tableSizePeriod(Duration period) {
            this.tableSizePeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Readiness also checks that Redis (the sequence store's or the rate limit's) answers.
         *
         * @param url the Redis server, e.g. {@code redis://127.0.0.1:6379}
         * @return this builder
         */
        public Builder redis(String url) {
            return dependency("redis", new RedisPing(URI.create(url), Duration.ofSeconds(2)));
        }

        /**
         * @param name   the dependency's name in the readiness details
         * @param answers whether it answers now
         * @return this builder
         */
        public Builder dependency(String name, BooleanSupplier answers) {
            dependencies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(answers, "answers"));
            return this;
        }

        /**
         * @param stopping says when the server is stopping, for readiness to answer DOWN (besides
         *                 {@link DataFnObserve#stopping()} and the engine's own {@link DataFn#isShuttingDown()})
         * @return this builder
         */
        public Builder stoppingWhen(BooleanSupplier stopping) {
            stoppingSignals.add(Objects.requireNonNull(stopping, "stopping"));
            return this;
        }

        /** @return the health and metrics of the engine */
        public DataFnObserve build() {
            return new DataFnObserve(this);
        }
    }
}
