package dev.gearbox.operator;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.router.cli.Wiring;
import dev.gearbox.router.load.EnvoyExchange;
import dev.gearbox.router.policy.ClusterPolicySource;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.PolicyCompiler;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.SnapshotBuilder;
import dev.gearbox.router.server.ExtProcService;
import dev.gearbox.router.server.RouterServer;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operator, router and one mock API server together: the quickstart is applied, the operator reports the tiers
 * ready, the router (watching the same server) sends a simple and a complex request to different tiers, and falls
 * back when a tier goes unready.
 */
class EndToEndIT {
  private static final String NS = "default";
  private static final String SIMPLE = "What is the capital of France?";
  private static final String COMPLEX = "Prove that there are infinitely many primes, step by step, and derive "
      + "a bound on the gap between consecutive primes.";

  private MockCluster cluster;
  private KubernetesClient client;
  private ClusterPolicySource policies;
  private RouterServer router;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    cluster = MockCluster.withOperator();
    client = cluster.client();
    client.resource(new SecretBuilder().withNewMetadata().withName("hf-token").withNamespace(NS).endMetadata()
        .addToData("token", "aGZfeA==").build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("openai-api-key").withNamespace(NS).endMetadata()
        .addToData("api-key", "c2stdGVzdA==").build()).create();
    ResourceFiles.Loaded quickstart = new ResourceFiles(NS).load(MockCluster.REPOSITORY.resolve("examples/quickstart"));
    assertThat(quickstart.errors()).isEmpty();
    quickstart.tiers().forEach(t -> client.resource(t).create());
    quickstart.policies().forEach(p -> client.resource(p).create());

    SnapshotHolder snapshots = new SnapshotHolder(() -> { });
    policies = new ClusterPolicySource(client, NS, Wiring.classifiers(), new SessionStores(), snapshots);
    String name = InProcessServerBuilder.generateName();
    router = new RouterServer(InProcessServerBuilder.forName(name),
        new ExtProcService(new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE),
            Executors.newFixedThreadPool(2)),
        snapshots).start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    router.shutdown(1);
    policies.close();
    cluster.close();
  }

  @Test
  void simpleAndComplexRequestsReachDifferentTiersAndAnUnreadyTierFallsBack() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> deploymentExists("small") && deploymentExists("medium"));
    setReadyReplicas("small", 1);
    setReadyReplicas("medium", 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> tierReady("small") && tierReady("medium")
        && tierReady("frontier"));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(route(SIMPLE)).containsEntry("x-gearbox-tier", "small"));
    Map<String, String> complex = route(COMPLEX);
    assertThat(complex).containsEntry("x-gearbox-tier", "frontier")
        .containsEntry("x-gearbox-cluster", "default.frontier");

    setReadyReplicas("small", 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> !tierReady("small"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Map<String, String> fallback = route(SIMPLE);
      assertThat(fallback).containsEntry("x-gearbox-tier", "medium");
      assertThat(fallback.get("x-gearbox-decision")).endsWith(";fallback=small-not-ready");
    });
  }

  private boolean deploymentExists(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get() != null;
  }

  /** What the Deployment controller writes as pods pass (or fail) their readiness probes. */
  private void setReadyReplicas(String name, int ready) {
    client.apps().deployments().inNamespace(NS).withName(name).editStatus(d -> {
      d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(ready).withUpdatedReplicas(1)
          .withAvailableReplicas(ready).withObservedGeneration(d.getMetadata().getGeneration()).build());
      return d;
    });
  }

  private boolean tierReady(String name) {
    ModelTier tier = client.resources(ModelTier.class).inNamespace(NS).withName(name).get();
    return tier.getStatus() != null && tier.getStatus().conditions() != null && tier.getStatus().conditions()
        .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** One request the way Envoy sends it; returns the headers the router set. */
  private Map<String, String> route(String prompt) throws InterruptedException {
    String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    EnvoyExchange exchange = EnvoyExchange.of(Map.of(":method", "POST", ":path", "/v1/chat/completions",
        "content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    BlockingQueue<ProcessingResponse> answers = new LinkedBlockingQueue<>();
    StreamObserver<io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest> stream =
        ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
          @Override
          public void onNext(ProcessingResponse value) {
            answers.add(value);
          }

          @Override
          public void onError(Throwable t) {
          }

          @Override
          public void onCompleted() {
          }
        });
    stream.onNext(exchange.headers());
    assertThat(answers.poll(5, TimeUnit.SECONDS)).isNotNull();
    stream.onNext(exchange.body());
    ProcessingResponse answer = answers.poll(5, TimeUnit.SECONDS);
    stream.onCompleted();
    assertThat(answer).isNotNull();
    return answer.getRequestBody().getResponse().getHeaderMutation().getSetHeadersList().stream()
        .collect(Collectors.toMap(h -> h.getHeader().getKey(), h -> h.getHeader().getRawValue().toStringUtf8()));
  }
}
