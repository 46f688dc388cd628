package dev.gearbox.router.cli;

import dev.gearbox.admin.AdminHttpServer;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec.FailureMode;
import dev.gearbox.router.metrics.RouterMetrics;
import dev.gearbox.router.metrics.ServerGauges;
import dev.gearbox.router.policy.ClusterPolicySource;
import dev.gearbox.router.policy.FileWatcher;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SharedSessions;
import dev.gearbox.router.session.RedisSessions;
import dev.gearbox.router.report.ShareReporter;
import dev.gearbox.router.server.AdminServer;
import dev.gearbox.router.server.ExtProcService;
import dev.gearbox.router.server.RouterServer;
import dev.gearbox.router.server.StreamLimits;
import dev.gearbox.router.xds.XdsServer;
import dev.gearbox.router.xds.XdsSources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs the ext_proc server on policies from the cluster or from files. */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = EnvironmentDefaults.class,
    description = "Run the Envoy ext_proc server and Envoy's xDS control plane. Policies and tiers come from the "
        + "cluster (informers on ModelTier, RoutingPolicy and the tiers' EndpointSlices) or, with --policy, from YAML "
        + "files that are reloaded when they change.",
    footer = "Every option can also be set in the environment, named after it: --max-body-bytes as "
        + "GEARBOX_MAX_BODY_BYTES. A flag wins over the environment.")
final class ServeCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--policy", paramLabel = "DIR|FILE",
      description = "Policy YAML (ModelTier + RoutingPolicy) instead of the cluster; tiers in files count as ready.")
  Path policy;

  @Option(names = "--namespace", split = ",", paramLabel = "NS[,NS...]",
      description = "Cluster mode: the namespaces whose RoutingPolicies and ModelTiers the router obeys (a policy "
          + "governs every request that matches it, so list only namespaces the platform team controls). File "
          + "mode: the namespace of resources that name none (default: default).")
  List<String> namespaces;

  @Option(names = "--all-namespaces", description = "Cluster mode: obey policies in every namespace. Anyone who "
      + "may create a RoutingPolicy anywhere can then steer every request; see docs/security.md.")
  boolean allNamespaces;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address of the gRPC port. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(names = "--port", defaultValue = "50051", description = "gRPC port (ext_proc and health). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--admin-bind", defaultValue = "0.0.0.0", description = "Address of the admin port. Default: ${DEFAULT-VALUE}.")
  String adminBind;

  @Option(names = "--admin-port", defaultValue = "9090", description = "HTTP port for /metrics, /healthz, /readyz. Default: ${DEFAULT-VALUE}.")
  int adminPort;

  @Option(names = "--max-streams-per-connection", defaultValue = "1024",
      description = "Concurrent ext_proc streams one connection may hold. Default: ${DEFAULT-VALUE}.")
  int maxStreamsPerConnection;

  @Option(names = "--stream-timeout-seconds", defaultValue = "" + StreamLimits.DEFAULT_STREAM_TIMEOUT_SECONDS, description = "An ext_proc stream open longer "
      + "is ended; keep it above Envoy's route timeout. Default: ${DEFAULT-VALUE}.")
  long streamTimeoutSeconds;

  @Option(names = "--max-buffered-bytes", defaultValue = "" + StreamLimits.DEFAULT_MAX_BUFFERED_BYTES, description = "Bytes all streams together may "
      + "hold: headers awaiting a body, bodies queued for workers, answers not yet read; past it, requests get their "
      + "policy's failure mode (reason overloaded). Default: ${DEFAULT-VALUE}.")
  long maxBufferedBytes;

  @Option(names = "--session-store-bytes", defaultValue = "" + SessionStores.DEFAULT_MAX_BYTES, description = "Heap all sticky sessions "
      + "together may take (about 128 bytes each). Default: ${DEFAULT-VALUE}.")
  long sessionStoreBytes;

  @Option(names = "--decision-budget-ms", defaultValue = "" + RouterSettings.DEFAULT_DECISION_BUDGET_MS, description = "Time a decision on the workers may "
      + "spend scanning text (long regex scans) before the failure mode answers (decision_timeout); below Envoy's "
      + "message_timeout. Default: ${DEFAULT-VALUE}.")
  long decisionBudgetMs;

  @Option(names = "--stalled-after-seconds", defaultValue = "" + StreamLimits.DEFAULT_STALLED_AFTER_SECONDS, description = "/readyz turns false while a "
      + "decision has waited this long. Default: ${DEFAULT-VALUE}.")
  long stalledAfterSeconds;

  @Option(names = "--threads", description = "Worker threads for decisions that need a model run (an embedding) or read a body over 64 KiB (default: available processors).")
  Integer threads;

  @Option(names = "--queue", defaultValue = "1024", description = "Decisions waiting for a worker; beyond that a request gets its policy's failure mode (reason overloaded). Default: ${DEFAULT-VALUE}.")
  int queue;

  @Option(names = "--max-body-bytes", defaultValue = "" + RouterSettings.DEFAULT_MAX_BODY_BYTES, description = "Largest body classified. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(names = "--unmatched", defaultValue = "FailOpen",
      description = "Requests no policy governs: FailOpen passes them on untouched, FailClose answers 400. Default: ${DEFAULT-VALUE}.")
  FailureMode unmatched;

  @Option(names = "--session-store", paramLabel = "redis://HOST:PORT",
      description = "Keep Session-mode stickiness in this Redis, shared by the replicas, instead of each replica's "
          + "memory (redis://[:password@]host:port[/db], rediss:// for TLS). Default: $GEARBOX_SESSION_STORE.")
  String sessionStore;

  @Option(names = "--session-store-timeout-ms", defaultValue = "50", description = "Longest wait for the shared "
      + "session store; past it, or while it is down, a turn is decided without its session floor. "
      + "Default: ${DEFAULT-VALUE}.")
  long sessionStoreTimeoutMs;

  @Option(names = "--report-pod", defaultValue = "${env:GEARBOX_POD_NAME}", description = "Cluster mode: this "
      + "replica's pod, which names and owns its ShareReport (what it decided, per policy, for the operator to add "
      + "up into RoutingPolicy status); none, no report. Default: $GEARBOX_POD_NAME.")
  String reportPod;

  @Option(names = "--report-namespace", defaultValue = "${env:GEARBOX_POD_NAMESPACE}",
      description = "Namespace of the pod and its ShareReport. Default: $GEARBOX_POD_NAMESPACE.")
  String reportNamespace;

  @Option(names = "--report-pod-uid", defaultValue = "${env:GEARBOX_POD_UID}",
      description = "The pod's uid, so the report is deleted with the pod. Default: $GEARBOX_POD_UID.")
  String reportPodUid;

  @Option(names = "--report-seconds", defaultValue = "30",
      description = "Seconds between two ShareReports. Default: ${DEFAULT-VALUE}.")
  long reportSeconds;

  @Option(names = "--drain-seconds", defaultValue = "20", description = "Grace period for open streams on shutdown. Default: ${DEFAULT-VALUE}.")
  long drainSeconds;

  @Mixin
  XdsOptions xds = new XdsOptions();

  @Override
  public void run() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    RouterMetrics metrics = new RouterMetrics(registry);
    SnapshotHolder snapshots = new SnapshotHolder(metrics::policyError);
    try {
      SharedSessions shared = sessionStore == null ? null
          : new RedisSessions(sessionStore, Duration.ofMillis(sessionStoreTimeoutMs), registry);
      SessionStores sessions = new SessionStores(sessionStoreBytes, shared);
      AutoCloseable policies = policy != null ? watchFiles(snapshots, sessions, registry)
          : watchCluster(snapshots, sessions, registry);
      AutoCloseable source = () -> {
        policies.close();
        if (shared != null) {
          shared.close();
        }
      };
      try {
        serve(registry, metrics, snapshots, sessions, source);
      } catch (Exception e) {
        source.close();
        throw e;
      }
    } catch (UsageError | IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("router failed to start: " + e.getMessage(), e);
    }
  }

  private void serve(PrometheusMeterRegistry registry, RouterMetrics metrics, SnapshotHolder snapshots,
      SessionStores sessions, AutoCloseable source) throws Exception {
    RequestRouter router = new RequestRouter(snapshots, new RouterSettings(maxBodyBytes, RouterSettings.OPENAI_PATHS,
        unmatched, Duration.ofMillis(decisionBudgetMs)), metrics);
    ExtProcService service = new ExtProcService(router, workers(), new StreamLimits(
        StreamLimits.DEFAULT_MAX_HEADER_BYTES, maxBufferedBytes, Duration.ofSeconds(streamTimeoutSeconds),
        Duration.ofSeconds(stalledAfterSeconds)));
    RouterServer server = CliErrors.listen("--port", bind, port, () -> new RouterServer(RouterServer.netty(
        new InetSocketAddress(bind, port), maxStreamsPerConnection), service, snapshots, maxBodyBytes).start());
    ServerGauges.register(registry, new ServerGauges.Sources(server::ready, snapshots::keepsLastGood,
        sessions::estimatedBytes, service::openStreams, service::bufferedBytes, service::expiredStreams));
    AdminHttpServer admin;
    try {
      admin = CliErrors.listen("--admin-port", adminBind, adminPort,
          () -> AdminServer.start(new InetSocketAddress(adminBind, adminPort), registry, server::ready));
    } catch (Exception e) {
      server.shutdown(0);
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, admin, source), "shutdown"));
    LOG.info("ext_proc listening on {}:{}, admin on {}:{} ({})", bind, server.port(), adminBind, admin.port(),
        policy != null ? "policies from " + policy : "policies from the cluster");
    server.awaitTermination();
  }

  private AutoCloseable watchFiles(SnapshotHolder snapshots, SessionStores sessions, MeterRegistry registry)
      throws Exception {
    CliErrors.existing(policy, "--policy");
    if (namespaces != null && namespaces.size() > 1) {
      throw new UsageError("file mode takes one --namespace (for resources that name none)");
    }
    PolicyFiles files = new PolicyFiles(policy, namespaces == null ? "default" : namespaces.get(0),
        Wiring.classifiers(), sessions);
    snapshots.apply(files.load(snapshots.get()));
    if (snapshots.get().isEmpty()) {
      throw new UsageError("no usable RoutingPolicy in " + policy + " (none found, or see the errors above)");
    }
    XdsServer xdsServer = xds.start(registry);
    XdsSources.Running tiers = XdsSources.files(files, snapshots, xds.secretsDir, xdsServer, xds.snapshots());
    FileWatcher watcher = new FileWatcher(policy, 200, () -> {
      snapshots.apply(files.load(snapshots.get()));
      tiers.publisher().refresh();
    });
    return () -> {
      watcher.close();
      tiers.close();
      xdsServer.close();
    };
  }

  private AutoCloseable watchCluster(SnapshotHolder snapshots, SessionStores sessions, MeterRegistry registry)
      throws Exception {
    if ((namespaces == null) == !allNamespaces) {
      throw new UsageError("without --policy the router reads policies from the cluster, and cluster mode needs "
          + "--namespace NS[,NS...] (the namespaces whose policies the router obeys) or, knowingly, --all-namespaces; "
          + "to run without a cluster give --policy DIR|FILE, e.g. --policy examples/quickstart");
    }
    if (xds.secretsDir != null) {
      throw new UsageError("--secrets-dir is for file mode (--policy); in a cluster the Secrets the tiers name are "
          + "read from the API");
    }
    if (!ClusterAccess.configured(System.getenv(), Path.of(System.getProperty("user.home")))) {
      throw new UsageError("no --policy given and no Kubernetes cluster configured (no KUBECONFIG, no ~/.kube/config, "
          + "not in a pod): give --policy DIR|FILE, e.g. --policy examples/quickstart, or point KUBECONFIG at a cluster");
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    ClusterPolicySource source = new ClusterPolicySource(client, allNamespaces ? null : namespaces,
        Wiring.classifiers(), sessions, snapshots);
    XdsServer xdsServer = xds.start(registry);
    XdsSources.Running tiers = XdsSources.cluster(client, allNamespaces ? null : namespaces, source, snapshots,
        xdsServer, xds.snapshots());
    ShareReporter reporter = null;
    if (reportPod != null && reportNamespace != null) {
      reporter = new ShareReporter(client, new ShareReporter.Pod(reportNamespace, reportPod, reportPodUid),
          snapshots, registry, Clock.systemUTC()).start(Duration.ofSeconds(reportSeconds));
    } else {
      LOG.info("no ShareReport: --report-pod and --report-namespace (GEARBOX_POD_NAME, GEARBOX_POD_NAMESPACE) "
          + "unset, so RoutingPolicy status will not show this replica's shares");
    }
    ShareReporter reports = reporter;
    return () -> {
      if (reports != null) {
        reports.close();
      }
      tiers.close();
      xdsServer.close();
      source.close();
      client.close();
    };
  }

  /** Bounded: a fixed number of workers and a bounded queue; beyond that a decision is refused as overloaded. */
  private ExecutorService workers() {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    return new ThreadPoolExecutor(n, n, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, "ext-proc-worker");
          t.setDaemon(true);
          return t;
        });
  }

  private void stop(RouterServer server, AdminHttpServer admin, AutoCloseable source) {
    try {
      LOG.info("shutting down: NOT_SERVING, draining for up to {} s", drainSeconds);
      server.shutdown(drainSeconds);
      admin.close();
      source.close();
    } catch (Exception e) {
      LOG.warn("unclean shutdown: {}", e.getMessage());
    }
  }
}
