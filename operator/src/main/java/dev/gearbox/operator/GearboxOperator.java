package dev.gearbox.operator;

import dev.gearbox.admin.AdminHttpServer;
import dev.gearbox.admin.AdminHttpServer.Response;
import dev.gearbox.operator.config.ConfigException;
import dev.gearbox.operator.config.OperatorConfig;
import dev.gearbox.operator.health.HealthReport;
import dev.gearbox.operator.health.OperatorHealth;
import dev.gearbox.operator.metrics.MeterDescriptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code java -jar gearbox-operator.jar}: reads the {@code GEARBOX_*} environment, connects to the cluster the
 * standard kubeconfig resolution finds (KUBECONFIG, ~/.kube/config, in-cluster service account), serves probes and
 * metrics, and runs until SIGTERM, when it stops reconciling gracefully.
 */
public final class GearboxOperator {
  private static final Logger LOG = LoggerFactory.getLogger(GearboxOperator.class);

  private GearboxOperator() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.err.println("gearbox-operator takes no arguments; it is configured by GEARBOX_* environment variables "
          + "(see docs/operator.md).");
      System.exit(2);
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("gearbox-operator: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(config);
  }

  static void run(OperatorConfig config) {
    AtomicBoolean shuttingDown = new AtomicBoolean();
    PrometheusMeterRegistry registry = meterRegistry();
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = OperatorAssembly.create(client, config, registry, () -> {
      if (!shuttingDown.get()) {
        // Another replica may be reconciling now; restart as a follower rather than risk two writers.
        LOG.error("lost the leader lease {}; exiting so the pod restarts as a follower", config.leaseName());
        System.exit(1);
      }
    });
    AdminHttpServer probes;
    AdminHttpServer metrics;
    try {
      probes = probes(config.healthPort(), new OperatorHealth(operator.getRuntimeInfo()));
      metrics = metrics(config.metricsPort(), registry);
    } catch (IllegalStateException e) {
      // A port taken: say which; exit, or the probes' event loop (not a daemon thread) would keep the JVM up.
      LOG.error("cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown.set(true);
      LOG.info("shutting down: finishing running reconciliations (up to {})", config.shutdownTimeout());
      operator.stop();
      metrics.close();
      probes.close();
      client.close();
    }, "gearbox-shutdown"));
    LOG.info("starting: namespaces={}, leader election={}, health port {}, metrics port {}",
        config.watchesAllNamespaces() ? "all" : config.namespaces(), config.leaderElection(), probes.port(),
        metrics.port());
    try {
      operator.start();
    } catch (RuntimeException e) {
      // Usually no cluster, missing CRDs or missing RBAC: say so in one line; the stack trace is logged by the SDK.
      LOG.error("cannot start: {}", rootCause(e).toString());
      System.exit(1);
    }
  }

  /** The registry /metrics serves, with the JVM's metrics; {@link OperatorAssembly} adds the SDK's and the tiers'. */
  static PrometheusMeterRegistry meterRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterDescriptions()); // before any meter: filters apply at registration
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  /** /startup, /readyz and /livez on every interface; port 0 picks a free one. */
  static AdminHttpServer probes(int port, OperatorHealth health) {
    return AdminHttpServer.start("health", new InetSocketAddress(port), Map.of(
        "/startup", probe(health, HealthReport::startup),
        "/readyz", probe(health, HealthReport::readiness),
        "/livez", probe(health, HealthReport::liveness)));
  }

  private static Supplier<Response> probe(OperatorHealth health, Function<HealthReport, HealthReport.Answer> answer) {
    return () -> {
      HealthReport.Answer probe = answer.apply(health.get());
      return Response.text(probe.status(), probe.body());
    };
  }

  /** /metrics in the Prometheus text format on every interface; port 0 picks a free one. */
  static AdminHttpServer metrics(int port, PrometheusMeterRegistry registry) {
    return AdminHttpServer.start("metrics", new InetSocketAddress(port),
        Map.of("/metrics", () -> Response.prometheus(registry.scrape())));
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
