package dev.gearbox.router.report;

import dev.gearbox.api.v1alpha1.ShareReport;
import dev.gearbox.api.v1alpha1.ShareReportSpec.PolicyShares;
import dev.gearbox.router.Fixtures;
import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.ModelClassifiers;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SnapshotBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporter against the (mock) API server: creates its pod's report, then keeps it current. */
@EnableKubernetesMockClient(crud = true)
class ShareReporterIT {
  static KubernetesClient client;

  @Test
  void writesThisReplicasDecisionsOwnedByItsPodAndUpdatesThem() {
    var snapshot = Fixtures.snapshot(Fixtures.TIERS + "---\n" + Fixtures.policy("""
        complexity: {thresholds: [0.5, 0.9]}
        """), new ModelClassifiers(new EmbeddingModels(ClassifierSettings.defaults()), null));
    SnapshotHolder holder = new SnapshotHolder(() -> { });
    holder.apply(new SnapshotBuilder.Result(snapshot, List.of(), Map.of("team/broken", "spec.rules[0]: bad")));
    RequestRouter router = new RequestRouter(holder, RouterSettings.defaults(), RouterEvents.NONE);
    ShareReporter reporter = new ShareReporter(client, new ShareReporter.Pod("gearbox-system", "router-0", "uid-1"),
        holder, new SimpleMeterRegistry(), Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    router.onBody(Fixtures.chatHeaders(), Fixtures.chat("auto", "hello"));
    reporter.report();
    router.onBody(Fixtures.chatHeaders(), Fixtures.chat("auto", "hello again"));
    reporter.report();

    ShareReport written = client.resources(ShareReport.class).inNamespace("gearbox-system").withName("router-0").get();
    assertThat(written.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-1"));
    assertThat(written.getSpec().observedAt()).isEqualTo("2026-12-01T12:00:00Z");
    PolicyShares auto = written.getSpec().policies().stream().filter(p -> p.name().equals("auto")).findFirst()
        .orElseThrow();
    assertThat(auto.tiers()).containsExactly("small", "medium", "large");
    assertThat(auto.decisions().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(auto.thresholds()).containsExactly(0.5, 0.9);
    assertThat(written.getSpec().policies()).filteredOn(p -> p.name().equals("broken")).singleElement()
        .satisfies(p -> assertThat(p.error()).isEqualTo("spec.rules[0]: bad"));
  }
}
