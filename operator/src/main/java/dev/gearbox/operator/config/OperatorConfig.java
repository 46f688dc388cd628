package dev.gearbox.operator.config;

import dev.gearbox.api.v1alpha1.TierNames;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Everything the operator can be told at start-up, read once in {@code main} from environment variables and passed
 * down by constructor. Nothing else in the operator reads the environment.
 *
 * @param namespaces        namespaces to watch; empty means all namespaces
 * @param leaderElection    whether to take a Lease before reconciling (on for more than one operator replica)
 * @param leaseName         name of the Lease
 * @param leaseNamespace    namespace of the Lease; null means the namespace the operator runs in
 * @param healthPort        port of /startup, /readyz, /livez
 * @param metricsPort       port of /metrics (Prometheus text format)
 * @param serverSideApply   create, update and patch with server-side apply (off only for test API servers)
 * @param shutdownTimeout   how long shutdown waits for running reconciliations
 * @param reportNamespace   where the routers write their ShareReports; null means the namespace the operator runs in
 * @param clusterDomain     the cluster's DNS domain, for the tier Service addresses in status
 */
public record OperatorConfig(
    Set<String> namespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int healthPort,
    int metricsPort,
    boolean serverSideApply,
    Duration shutdownTimeout,
    String reportNamespace,
    String clusterDomain) {

  public static final String WATCH_NAMESPACES = "GEARBOX_WATCH_NAMESPACES";
  public static final String LEADER_ELECTION = "GEARBOX_LEADER_ELECTION";
  public static final String LEASE_NAME = "GEARBOX_LEASE_NAME";
  public static final String LEASE_NAMESPACE = "GEARBOX_LEASE_NAMESPACE";
  public static final String HEALTH_PORT = "GEARBOX_HEALTH_PORT";
  public static final String METRICS_PORT = "GEARBOX_METRICS_PORT";
  public static final String SERVER_SIDE_APPLY = "GEARBOX_SERVER_SIDE_APPLY";
  public static final String SHUTDOWN_TIMEOUT_SECONDS = "GEARBOX_SHUTDOWN_TIMEOUT_SECONDS";
  public static final String REPORT_NAMESPACE = "GEARBOX_REPORT_NAMESPACE";
  public static final String CLUSTER_DOMAIN = "GEARBOX_CLUSTER_DOMAIN";

  public OperatorConfig {
    namespaces = Set.copyOf(namespaces);
    if (leaderElection && (leaseName == null || leaseName.isBlank())) {
      throw new ConfigException(LEASE_NAME + ": required when leader election is on");
    }
    checkPort(HEALTH_PORT, healthPort);
    checkPort(METRICS_PORT, metricsPort);
    if (healthPort != 0 && healthPort == metricsPort) {
      throw new ConfigException(HEALTH_PORT + " and " + METRICS_PORT + " must differ, both are " + healthPort);
    }
    if (clusterDomain == null || !clusterDomain.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new ConfigException(CLUSTER_DOMAIN + ": \"" + clusterDomain + "\" is not a DNS domain");
    }
    if (shutdownTimeout.isNegative()) {
      throw new ConfigException(SHUTDOWN_TIMEOUT_SECONDS + ": must not be negative");
    }
  }

  /** Production defaults: all namespaces, no leader election, health on 8081, metrics on 8080, SSA on. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  /** Reads the {@code GEARBOX_*} variables; unset ones take their defaults, bad ones throw {@link ConfigException}. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    Function<String, String> get = key -> {
      String value = env.get(key);
      return value == null || value.isBlank() ? null : value.trim();
    };
    return new OperatorConfig(
        namespaces(get.apply(WATCH_NAMESPACES)),
        bool(LEADER_ELECTION, get.apply(LEADER_ELECTION), false),
        orDefault(get.apply(LEASE_NAME), "gearbox-operator"),
        get.apply(LEASE_NAMESPACE),
        integer(HEALTH_PORT, get.apply(HEALTH_PORT), 8081),
        integer(METRICS_PORT, get.apply(METRICS_PORT), 8080),
        bool(SERVER_SIDE_APPLY, get.apply(SERVER_SIDE_APPLY), true),
        Duration.ofSeconds(integer(SHUTDOWN_TIMEOUT_SECONDS, get.apply(SHUTDOWN_TIMEOUT_SECONDS), 20)),
        get.apply(REPORT_NAMESPACE),
        orDefault(get.apply(CLUSTER_DOMAIN), TierNames.DEFAULT_CLUSTER_DOMAIN));
  }

  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  private static Set<String> namespaces(String value) {
    if (value == null) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
    for (String name : names) {
      if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
        throw new ConfigException(WATCH_NAMESPACES + ": \"" + name + "\" is not a namespace name");
      }
    }
    return names;
  }

  private static boolean bool(String key, String value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key + ": must be true or false, got \"" + value + "\"");
    };
  }

  private static int integer(String key, String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": must be a whole number, got \"" + value + "\"");
    }
  }

  private static void checkPort(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new ConfigException(key + ": must be a port between 0 and 65535 (0 = any free port), got " + port);
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
