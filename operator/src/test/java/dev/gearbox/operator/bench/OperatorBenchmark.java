package dev.gearbox.operator.bench;

import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.operator.MockCluster;
import dev.gearbox.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: creates N ModelTiers against the mock API server with the operator running and reports how long until
 * every tier has its Deployment and Service and a status for its generation, and how much heap the JVM used
 * (operator and mock server together, so an upper bound for the operator). See docs/performance.md.
 *
 * <p>Usage: {@code OperatorBenchmark [tiers=1000] [timeoutSeconds=300]}
 */
public final class OperatorBenchmark {
  private static final String NS = "bench";

  private OperatorBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration timeout = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 300);
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the mock logs every request
    try (MockCluster cluster = MockCluster.withOperator()) {
      KubernetesClient client = cluster.client();
      long start = System.nanoTime();
      ExecutorService creators = Executors.newFixedThreadPool(8);
      for (int i = 0; i < tiers; i++) {
        String name = "tier-" + i;
        creators.execute(() -> client.resource(Fixtures.serverTier(NS, name, 1)).create());
      }
      creators.shutdown();
      creators.awaitTermination(timeout.toSeconds(), TimeUnit.SECONDS);
      long created = System.nanoTime();

      int settled = 0;
      while (System.nanoTime() - start < timeout.toNanos()) {
        settled = settled(client);
        if (settled == tiers && client.apps().deployments().inNamespace(NS).list().getItems().size() == tiers
            && client.services().inNamespace(NS).list().getItems().size() == tiers) {
          break;
        }
        Thread.sleep(250);
      }
      long end = System.nanoTime();
      System.gc();
      long retained = usedHeap();
      System.out.printf("tiers=%d settled=%d created_in=%.1fs settled_in=%.1fs peak_heap=%dMB "
              + "heap_after_gc=%dMB max_heap=%dMB cpus=%d%n",
          tiers, settled, (created - start) / 1e9, (end - start) / 1e9, peakHeap() >> 20, retained >> 20,
          Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
      if (settled != tiers) {
        System.exit(1);
      }
    }
    System.exit(0);
  }

  /** Tiers whose status describes their current generation. */
  private static int settled(KubernetesClient client) {
    return (int) client.resources(ModelTier.class).inNamespace(NS).list().getItems().stream()
        .filter(t -> t.getStatus() != null && t.getStatus().observedGeneration() != null
            && t.getStatus().observedGeneration().equals(t.getMetadata().getGeneration()))
        .count();
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getUsage).mapToLong(u -> u.getUsed()).sum();
  }
}
