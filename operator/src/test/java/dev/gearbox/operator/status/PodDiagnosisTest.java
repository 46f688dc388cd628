package dev.gearbox.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTest {
  private static final String GPU = "1 nvidia.com/gpu on nodes labelled nvidia.com/gpu.product=NVIDIA-L4";

  private static PodBuilder pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata();
  }

  private static Pod waiting(String name, String reason, String message) {
    return pod(name).withNewStatus().addNewContainerStatus().withName("model-server").withImage("vllm:bad")
        .withRestartCount(7)
        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
        .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated().endLastState()
        .endContainerStatus().endStatus().build();
  }

  @Test
  void healthyPodsAndDeploymentHaveNoProblem() {
    Pod running = pod("a").withNewStatus().withPhase("Running").endStatus().build();

    assertThat(PodDiagnosis.diagnose(null, List.of(running), GPU)).isEmpty();
  }

  @Test
  void unschedulablePodsNameTheSchedulersReasonAndWhatTheTierAsksFor() {
    Pod pending = pod("small-1").withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
        .withReason("Unschedulable").withMessage("0/4 nodes are available: 4 Insufficient nvidia.com/gpu.")
        .endCondition().endStatus().build();

    Problem problem = PodDiagnosis.diagnose(null, List.of(waiting("small-0", "ImagePullBackOff", "x"), pending), GPU)
        .orElseThrow();

    assertThat(problem.reason()).isEqualTo("Unschedulable");
    assertThat(problem.message()).contains("small-1", "Insufficient nvidia.com/gpu", "nvidia.com/gpu.product=NVIDIA-L4");
  }

  @Test
  void containerFailuresAreNamed() {
    assertThat(PodDiagnosis.diagnose(null, List.of(waiting("p", "ImagePullBackOff", "pull access denied")), GPU))
        .get().satisfies(p -> {
          assertThat(p.reason()).isEqualTo("ImagePullFailed");
          assertThat(p.message()).contains("cannot pull image vllm:bad", "pull access denied");
        });
    assertThat(PodDiagnosis.diagnose(null, List.of(waiting("p", "CrashLoopBackOff", null)), GPU))
        .get().satisfies(p -> assertThat(p.message()).contains("7 restarts", "exit code 137", "OOMKilled"));
    assertThat(PodDiagnosis.diagnose(null,
        List.of(waiting("p", "CreateContainerConfigError", "secret \"hf-token\" not found")), GPU))
        .get().satisfies(p -> {
          assertThat(p.reason()).isEqualTo("ContainerConfigError");
          assertThat(p.message()).contains("secret \"hf-token\" not found");
        });
  }

  @Test
  void deploymentFailuresCountWhenThePodsSayNothing() {
    Deployment quota = new DeploymentBuilder().withNewMetadata().withName("small").endMetadata().withNewStatus()
        .addNewCondition().withType("ReplicaFailure").withStatus("True").withMessage("exceeded quota: gpu-quota")
        .endCondition().endStatus().build();
    Deployment stuck = new DeploymentBuilder().withNewMetadata().withName("small").endMetadata().withNewStatus()
        .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
        .withMessage("ReplicaSet has timed out progressing.").endCondition().endStatus().build();

    assertThat(PodDiagnosis.diagnose(quota, List.of(), GPU)).get()
        .satisfies(p -> assertThat(p.message()).contains("exceeded quota"));
    assertThat(PodDiagnosis.diagnose(stuck, List.of(), GPU)).get()
        .satisfies(p -> assertThat(p.reason()).isEqualTo("ProgressDeadlineExceeded"));
  }
}
