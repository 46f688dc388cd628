package dev.gearbox.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds why a model server is not coming up, from its Deployment's and pods' conditions, in the words a person
 * needs to fix it. The first problem found wins: scheduling, then image pulls and container errors, then the
 * Deployment's own failure conditions.
 */
public final class PodDiagnosis {

  private static final Map<String, String> WAITING_REASONS = Map.of(
      "ErrImagePull", "ImagePullFailed",
      "ImagePullBackOff", "ImagePullFailed",
      "InvalidImageName", "ImagePullFailed",
      "CrashLoopBackOff", "CrashLoopBackOff",
      "CreateContainerConfigError", "ContainerConfigError",
      "CreateContainerError", "ContainerConfigError");

  private PodDiagnosis() {
  }

  /** @param requested what the pods ask for, e.g. "1 nvidia.com/gpu on nodes labelled nvidia.com/gpu.product=NVIDIA-L4" */
  public static Optional<Problem> diagnose(Deployment deployment, List<Pod> pods, String requested) {
    List<Pod> sorted = pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    for (Pod pod : sorted) {
      Optional<Problem> unschedulable = unschedulable(pod, requested);
      if (unschedulable.isPresent()) {
        return unschedulable;
      }
    }
    for (Pod pod : sorted) {
      Optional<Problem> container = containerProblem(pod);
      if (container.isPresent()) {
        return container;
      }
    }
    return deploymentProblem(deployment);
  }

  private static Optional<Problem> unschedulable(Pod pod, String requested) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason())) {
        return Optional.of(new Problem("Unschedulable", "pod " + pod.getMetadata().getName()
            + " cannot be scheduled: " + orUnknown(condition.getMessage()) + " The tier asks for " + requested
            + "; add such nodes, free their GPUs, or change spec.server.gpu."));
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> containerProblem(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
      String reason = waiting == null ? null : WAITING_REASONS.get(waiting.getReason());
      if (reason == null) {
        continue;
      }
      String what = switch (reason) {
        case "ImagePullFailed" -> "cannot pull image " + status.getImage();
        case "CrashLoopBackOff" -> "keeps crashing (" + status.getRestartCount() + " restarts)" + lastExit(status);
        default -> "cannot start";
      };
      return Optional.of(new Problem(reason, "container " + status.getName() + " in pod "
          + pod.getMetadata().getName() + " " + what + ": " + waiting.getReason()
          + (waiting.getMessage() == null ? "" : " - " + waiting.getMessage())));
    }
    return Optional.empty();
  }

  private static Optional<Problem> deploymentProblem(Deployment deployment) {
    if (deployment == null || deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (DeploymentCondition condition : deployment.getStatus().getConditions()) {
      if ("ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus())) {
        return Optional.of(new Problem("ReplicaFailure", "Deployment " + deployment.getMetadata().getName()
            + " cannot create pods: " + orUnknown(condition.getMessage())));
      }
      if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
        return Optional.of(new Problem("ProgressDeadlineExceeded", "Deployment " + deployment.getMetadata().getName()
            + " made no progress: " + orUnknown(condition.getMessage())));
      }
    }
    return Optional.empty();
  }

  private static String lastExit(ContainerStatus status) {
    if (status.getLastState() == null || status.getLastState().getTerminated() == null) {
      return "";
    }
    var terminated = status.getLastState().getTerminated();
    return "; last exit code " + terminated.getExitCode()
        + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")");
  }

  private static String orUnknown(String message) {
    return message == null || message.isBlank() ? "(no message)" : message.strip();
  }
}
