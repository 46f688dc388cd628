package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.v3.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Rebuilds the snapshot from fresh inputs when a source says something changed, coalescing bursts (start-up, a
 * kubectl apply of a directory) into one build, and hands it to the server. Builds run on one thread, in order.
 */
public final class XdsPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(XdsPublisher.class);
  private static final long COALESCE_MILLIS = 20;

  private final XdsSnapshots snapshots;
  private final Supplier<XdsInputs> inputs;
  private final XdsServer server;
  private final ScheduledExecutorService builds = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "xds-rebuild");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean pending = new AtomicBoolean();
  private List<String> warnings = List.of();

  public XdsPublisher(XdsSnapshots snapshots, Supplier<XdsInputs> inputs, XdsServer server) {
    this.snapshots = snapshots;
    this.inputs = inputs;
    this.server = server;
  }

  /** Something changed: a rebuild follows shortly. */
  public void refresh() {
    if (pending.compareAndSet(false, true)) {
      builds.schedule(this::rebuild, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Builds and publishes now, on the caller's thread (start-up). */
  public synchronized void rebuild() {
    pending.set(false);
    try {
      Snapshot previous = server.current();
      XdsSnapshots.Result result = snapshots.build(inputs.get());
      if (!result.warnings().equals(warnings)) {
        result.warnings().forEach(w -> LOG.warn("xDS: {}", w));
        warnings = result.warnings();
      }
      if (!XdsSnapshots.sameVersions(previous, result.snapshot())) {
        server.publish(result.snapshot());
        Snapshot next = result.snapshot();
        LOG.info("xDS snapshot: {} clusters (version {}), {} endpoint sets ({}), routes ({}), {} secrets ({})",
            next.clusters().resources().size(), next.clusters().version(), next.endpoints().resources().size(),
            next.endpoints().version(), next.routes().version(), next.secrets().resources().size(),
            next.secrets().version());
      }
    } catch (RuntimeException e) {
      LOG.error("xDS snapshot not rebuilt, the last one is still served", e);
    }
  }

  @Override
  public void close() {
    builds.shutdownNow();
  }
}
