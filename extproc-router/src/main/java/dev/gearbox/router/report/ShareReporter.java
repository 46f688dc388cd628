package dev.gearbox.router.report;

import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.router.policy.SnapshotHolder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cluster mode: writes this replica's {@link ShareReport} every interval, named after its pod and owned by it, so
 * the operator can add the replicas' decisions up into each RoutingPolicy's status and a report goes when its pod
 * goes. A failed write is logged and counted and tried again at the next interval; routing never waits for it.
 */
public final class ShareReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShareReporter.class);

  /** Who this replica is: its pod, which owns the report. */
  public record Pod(String namespace, String name, String uid) {
  }

  private final KubernetesClient client;
  private final Pod pod;
  private final SnapshotHolder snapshots;
  private final Clock clock;
  private final Counter written;
  private final Counter failed;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "share-report");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean lastFailed;

  public ShareReporter(KubernetesClient client, Pod pod, SnapshotHolder snapshots, MeterRegistry registry,
      Clock clock) {
    this.client = client;
    this.pod = pod;
    this.snapshots = snapshots;
    this.clock = clock;
    this.written = Counter.builder("gearbox.share.reports").tag("result", "written")
        .description("ShareReports this replica wrote for the operator").register(registry);
    this.failed = Counter.builder("gearbox.share.reports").tag("result", "failed")
        .description("ShareReports this replica failed to write").register(registry);
  }

  public ShareReporter start(Duration interval) {
    timer.scheduleWithFixedDelay(this::reportSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void reportSafely() {
    try {
      report();
      if (lastFailed) {
        LOG.info("share report written again");
      }
      lastFailed = false;
    } catch (RuntimeException e) {
      failed.increment();
      if (!lastFailed) { // once per outage, not once per interval
        LOG.warn("cannot write ShareReport {}/{} (retrying every interval): {}", pod.namespace(), pod.name(),
            e.getMessage());
      }
      lastFailed = true;
    }
  }

  /** Writes the report now. */
  public void report() {
    ShareReport report = new ShareReport();
    report.setMetadata(new ObjectMetaBuilder().withName(pod.name()).withNamespace(pod.namespace()).build());
    report.setSpec(ShareReports.of(pod.name(), snapshots.get(), snapshots.failedPolicies(), clock.instant()));
    ShareReport current = client.resources(ShareReport.class).inNamespace(pod.namespace()).withName(pod.name()).get();
    if (current != null) {
      // A whole replacement: the spec's lists are this replica's alone, and the owner stays as created.
      report.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      report.getMetadata().setOwnerReferences(current.getMetadata().getOwnerReferences());
      client.resource(report).update();
    } else {
      if (pod.uid() != null) {
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
            .withKind("Pod").withName(pod.name()).withUid(pod.uid()).build()));
      }
      client.resource(report).create();
    }
    written.increment();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
