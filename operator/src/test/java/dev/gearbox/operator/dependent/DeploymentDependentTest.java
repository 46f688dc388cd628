package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelCache;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentDependentTest {

  private static PodSpec pod(TestTiers tier) {
    return DeploymentDependent.build(tier.build()).getSpec().getTemplate().getSpec();
  }

  private static Container container(TestTiers tier) {
    return pod(tier).getContainers().get(0);
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElse(null);
  }

  @Test
  void labelsSelectorAndOwnerComeFromTheTier() {
    Deployment deployment = DeploymentDependent.build(TestTiers.vllm().build());

    assertThat(deployment.getMetadata().getName()).isEqualTo("small");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("ml");
    assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gearbox")
        .containsEntry("app.kubernetes.io/name", "gearbox-model-server")
        .containsEntry("app.kubernetes.io/instance", "small").containsEntry("gearbox.dev/tier", "small");
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(TierNaming.selector(TestTiers.vllm().build()));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getUid()).isEqualTo("uid-1");
      assertThat(owner.getKind()).isEqualTo("ModelTier");
      assertThat(owner.getController()).isTrue();
    });
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void vllmGetsModelServedNameParallelismAndPortThenTheUsersArgs() {
    Container container = container(TestTiers.vllm());

    assertThat(container.getCommand()).containsExactly("python3", "-m", "vllm.entrypoints.openai.api_server");
    assertThat(container.getArgs()).containsExactly("--model", "Qwen/Qwen2.5-1.5B-Instruct",
        "--served-model-name", "qwen-small", "--tensor-parallel-size", "1", "--host", "0.0.0.0", "--port", "8000",
        "--max-model-len", "8192");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8000);
  }

  @Test
  void sglangUsesItsOwnFlagsAndCustomRunsExactlyTheArgs() {
    Container sglang = container(TestTiers.vllm().engine(ModelServer.Engine.SGLANG));
    Container custom = container(TestTiers.vllm().engine(ModelServer.Engine.CUSTOM));

    assertThat(sglang.getCommand()).containsExactly("python3", "-m", "sglang.launch_server");
    assertThat(sglang.getArgs()).containsSequence("--model-path", "Qwen/Qwen2.5-1.5B-Instruct")
        .containsSequence("--tp-size", "1").endsWith("--max-model-len", "8192");
    assertThat(custom.getCommand()).isEmpty();
    assertThat(custom.getArgs()).containsExactly("--max-model-len", "8192");
    assertThat(custom.getReadinessProbe().getTcpSocket()).isNotNull();
  }

  @Test
  void wholeGpusAreLimitsWithProductSelectorAndTaintToleration() {
    PodSpec pod = pod(TestTiers.vllm());
    Container container = pod.getContainers().get(0);

    assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("16Gi"));
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("4"));
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-L4");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
      assertThat(t.getOperator()).isEqualTo("Exists");
    });
  }

  @Test
  void aMigProfileRequestsTheMigResourceInstead() {
    Container container = container(TestTiers.vllm().gpu(new Gpu(2, null, "1g.10gb"), null));

    assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/mig-1g.10gb", new Quantity("2"))
        .doesNotContainKey("nvidia.com/gpu");
    assertThat(pod(TestTiers.vllm().gpu(new Gpu(2, null, "1g.10gb"), null)).getNodeSelector())
        .doesNotContainKey("nvidia.com/gpu.product");
  }

  @Test
  void noGpuBlockMeansNoGpuResourceAndNoToleration() {
    PodSpec pod = pod(TestTiers.vllm().gpu(null, null));

    assertThat(pod.getContainers().get(0).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(pod.getTolerations()).isEmpty();
  }

  @Test
  void tensorParallelismMountsAMemoryBackedShm() {
    PodSpec parallel = pod(TestTiers.vllm().gpu(new Gpu(4, "NVIDIA-A100-SXM4-80GB", null), 4));

    Volume shm = volume(parallel, ServerVolumes.SHM_VOLUME);
    assertThat(shm.getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(shm.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("8Gi"));
    assertThat(parallel.getContainers().get(0).getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/dev/shm"));
    assertThat(parallel.getContainers().get(0).getArgs()).containsSequence("--tensor-parallel-size", "4");
    assertThat(volume(pod(TestTiers.vllm()), ServerVolumes.SHM_VOLUME)).isNull();
  }

  @Test
  void theModelCacheIsAClaimOrAnEmptyDirAndHfHomePointsAtIt() {
    PodSpec claim = pod(TestTiers.vllm().cache(new ModelCache("model-cache", null, "/models")));
    PodSpec scratch = pod(TestTiers.vllm().cache(new ModelCache(null, new Quantity("20Gi"), null)));

    assertThat(volume(claim, "model-cache").getPersistentVolumeClaim().getClaimName()).isEqualTo("model-cache");
    assertThat(claim.getContainers().get(0).getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/models"));
    assertThat(claim.getContainers().get(0).getEnv()).contains(new EnvVar("HF_HOME", "/models", null));
    assertThat(volume(scratch, "model-cache").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("20Gi"));
    assertThat(scratch.getContainers().get(0).getVolumeMounts())
        .anyMatch(m -> m.getMountPath().equals(dev.gearbox.api.v1alpha1.ModelCache.DEFAULT_MOUNT_PATH));
  }

  @Test
  void theHubTokenComesFromTheSecretReference() {
    Container container = container(TestTiers.vllm().hubToken(new SecretKeyReference("hf-token", "token")));

    EnvVar token = container.getEnv().stream().filter(e -> e.getName().equals("HF_TOKEN")).findFirst().orElseThrow();
    assertThat(token.getValue()).isNull();
    assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-token");
    assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
  }

  @Test
  void theStartupProbeAllowsTheConfiguredLoadTimeAndTheOthersProbeHealth() {
    Container container = container(TestTiers.vllm());

    var startup = container.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isEqualTo(900);
    assertThat(startup.getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
  }

  @Test
  void podsRunWithoutApiAccessPrivilegeEscalationOrCapabilities() {
    PodSpec pod = pod(TestTiers.vllm());

    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void underAnAutoscalerTheReplicaCountIsLeftToIt() {
    Deployment deployment = DeploymentDependent.build(TestTiers.vllm()
        .replicas(new Replicas(1, 4, null, null, null)).build());

    assertThat(deployment.getSpec().getReplicas()).isNull();
  }

  @Test
  void theSameTierGivesTheSameDeployment() {
    assertThat(DeploymentDependent.build(TestTiers.vllm().build()))
        .isEqualTo(DeploymentDependent.build(TestTiers.vllm().build()));
  }
}
