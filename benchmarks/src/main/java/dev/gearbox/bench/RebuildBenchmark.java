package dev.gearbox.bench;

import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What a ModelTier status change costs the router with a policy of 64 semantic rules (4 examples each, the bundled
 * model): {@code compileFromScratch} is what every status change cost before issue 16 (every rule compiled, every
 * example embedded again); {@code tierStatusChange} is the rebuild now (the tiers compiled again, the rules reused).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class RebuildBenchmark extends BenchDefaults {
  private static final int RULES = 64;
  private BenchRouters.Resources ready;
  private BenchRouters.Resources unready;
  private SnapshotBuilder builder;
  private PolicySnapshot current;
  private boolean flip;

  @Setup
  public void setUp() {
    StringBuilder rules = new StringBuilder("  rules:\n");
    for (int r = 0; r < RULES; r++) {
      rules.append("    - name: topic-").append(r).append("\n      tier: large\n      semantic:\n        examples:\n");
      for (int e = 0; e < 4; e++) {
        rules.append("          - \"Question ").append(e).append(" about topic number ").append(r * 7919)
            .append(" and its details\"\n");
      }
    }
    String yaml = BenchRouters.POLICY + rules;
    ready = BenchRouters.parse(yaml);
    unready = BenchRouters.parse(yaml.replace("metadata: {name: large}\n", "metadata: {name: large}\nstatus: {conditions: "
        + "[{type: Ready, status: \"False\"}]}\n"));
    builder = new SnapshotBuilder(new PolicyCompiler(Wiring.classifiers(), new SessionStores(), true));
    current = builder.build(PolicySnapshot.EMPTY, ready.policies(), ready.tiers()).snapshot();
  }

  @Benchmark
  public PolicySnapshot compileFromScratch() {
    SnapshotBuilder fresh = new SnapshotBuilder(new PolicyCompiler(Wiring.classifiers(), new SessionStores(), true));
    return fresh.build(PolicySnapshot.EMPTY, ready.policies(), ready.tiers()).snapshot();
  }

  @Benchmark
  public PolicySnapshot tierStatusChange() {
    flip = !flip;
    BenchRouters.Resources next = flip ? unready : ready;
    current = builder.build(current, next.policies(), next.tiers()).snapshot();
    return current;
  }
}
