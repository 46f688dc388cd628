package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.ModelTierStatus;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import dev.gearbox.api.validation.FieldError;
import dev.gearbox.operator.dependent.DeploymentDependent;
import dev.gearbox.operator.dependent.TestTiers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTierStatusAggregatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

  private static ModelTierStatusAggregator at(Instant now) {
    return new ModelTierStatusAggregator(Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Deployment deployment(ModelTier tier, int ready) {
    return new DeploymentBuilder(DeploymentDependent.build(tier))
        .editMetadata().withGeneration(1L).endMetadata()
        .withNewStatus().withReplicas(1).withReadyReplicas(ready).withUpdatedReplicas(1).withObservedGeneration(1L)
        .endStatus().build();
  }

  private static Condition condition(ModelTierStatus status, String type) {
    return ConditionSet.find(status.conditions(), type).orElseThrow();
  }

  @Test
  void beforeTheDeploymentExistsTheTierIsProgressingNotReady() {
    ModelTier tier = TestTiers.vllm().build();

    ModelTierStatus status = at(T0).forServer(tier, null, List.of(), List.of());

    assertThat(status.observedGeneration()).isEqualTo(3L);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getMessage()).contains("0 of 1 replicas ready", "900s");
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("Creating");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    assertThat(status.address()).isEqualTo("small.ml.svc.cluster.local:8000");
    assertThat(status.url()).isEqualTo("http://small.ml.svc.cluster.local:8000/v1");
  }

  @Test
  void aReadyReplicaMakesTheTierReadyAndTheRolloutComplete() {
    ModelTier tier = TestTiers.vllm().build();

    ModelTierStatus status = at(T0).forServer(tier, deployment(tier, 1), List.of(), List.of());

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(status.readyReplicas()).isEqualTo(1);
    assertThat(status.replicas()).isEqualTo(1);
  }

  @Test
  void lastTransitionTimeStaysWhileAConditionHoldsSoARebuildEqualsTheOldStatus() {
    ModelTier tier = TestTiers.vllm().build();
    ModelTierStatus first = at(T0).forServer(tier, deployment(tier, 1), List.of(), List.of());
    tier.setStatus(first);

    ModelTierStatus again = at(T1).forServer(tier, deployment(tier, 1), List.of(), List.of());
    assertThat(again).isEqualTo(first);

    ModelTierStatus lost = at(T1).forServer(tier, deployment(tier, 0), List.of(), List.of());
    assertThat(condition(lost, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
    assertThat(condition(lost, "Degraded").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
  }

  @Test
  void specErrorsDegradeTheTier() {
    ModelTier tier = TestTiers.vllm().build();

    ModelTierStatus status = at(T0).forServer(tier, null, List.of(),
        List.of(new FieldError("spec.server.cpu", "required")));

    assertThat(condition(status, "Degraded").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Degraded").getMessage()).isEqualTo("spec.server.cpu: required");
  }

  @Test
  void anEndpointIsReadyWithItsSecretAndSaysHowToFixAMissingOne() {
    ModelTier tier = endpointTier("https://api.example.com:8443/v1");

    ModelTierStatus ok = at(T0).forEndpoint(tier, SecretCheck.FOUND, List.of());
    ModelTierStatus missing = at(T0).forEndpoint(tier, SecretCheck.SECRET_MISSING, List.of());
    ModelTierStatus noKey = at(T0).forEndpoint(tier, SecretCheck.KEY_MISSING, List.of());

    assertThat(condition(ok, "Ready").getStatus()).isEqualTo("True");
    assertThat(ok.address()).isEqualTo("api.example.com:8443");
    assertThat(ok.url()).isEqualTo("https://api.example.com:8443/v1");
    assertThat(ok.readyReplicas()).isNull();
    assertThat(condition(missing, "Ready").getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(missing, "Degraded").getMessage())
        .contains("kubectl create secret generic key --from-literal=api-key=");
    assertThat(condition(noKey, "Degraded").getReason()).isEqualTo("SecretKeyNotFound");
  }

  /** Issue 18 #9: without cluster-wide Secret reads the operator cannot check the key; it says so, not fails. */
  @Test
  void anEndpointWhoseSecretMayNotBeReadIsReadyAndSaysItWasNotChecked() {
    ModelTierStatus unchecked = at(T0).forEndpoint(endpointTier("https://api.example.com/v1"), SecretCheck.UNCHECKED,
        List.of());

    assertThat(condition(unchecked, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(unchecked, "Ready").getMessage()).contains("API key Secret not checked");
  }

  @Test
  void endpointAddressesTakeTheSchemesDefaultPort() {
    assertThat(ModelTierStatusAggregator.endpointAddress("https://api.openai.com/v1")).isEqualTo("api.openai.com:443");
    assertThat(ModelTierStatusAggregator.endpointAddress("http://llm.internal/v1")).isEqualTo("llm.internal:80");
    assertThat(ModelTierStatusAggregator.endpointAddress("not a url")).isNull();
  }

  @Test
  void aReconcileErrorKeepsWhatWasKnownAndSaysDegraded() {
    ModelTier tier = TestTiers.vllm().build();
    tier.setStatus(at(T0).forServer(tier, deployment(tier, 1), List.of(), List.of()));

    ModelTierStatus status = at(T1).forError(tier, "ReconcileError", "deployments.apps \"small\" already exists");

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getMessage()).contains("already exists");
    assertThat(status.readyReplicas()).isEqualTo(1);
  }

  @Test
  void aTierWithNeitherServerNorEndpointIsDegradedWithTheSpecError() {
    ModelTier tier = endpointTier("https://x.io");
    tier.setSpec(null);

    ModelTierStatus status = at(T0).forError(tier, "InvalidSpec", "spec: required");

    assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Degraded").getMessage()).isEqualTo("spec: required");
    assertThat(status.observedGeneration()).isEqualTo(1L);
  }

  private static ModelTier endpointTier(String url) {
    ModelTier tier = new ModelTier();
    tier.setMetadata(new ObjectMetaBuilder().withName("frontier").withNamespace("ml").withGeneration(1L).build());
    tier.setSpec(new ModelTierSpec("gpt-4o", 2, null, new ExternalEndpoint(url, new SecretKeyReference("key", "api-key")),
        null, null));
    return tier;
  }
}
