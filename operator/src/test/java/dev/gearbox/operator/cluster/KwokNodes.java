package dev.gearbox.operator.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Map;

/** The simulated GPU nodes kwok keeps Ready, and that kwok's kubelet stand-in runs pods on. */
public final class KwokNodes {
  public static final String GPU = "nvidia.com/gpu";
  public static final String GPU_PRODUCT = "nvidia.com/gpu.product";
  public static final String L4 = "NVIDIA-L4";
  public static final String H100 = "NVIDIA-H100-80GB-HBM3";
  /** Nodes carrying this annotation are the ones kwok manages (--manage-nodes-with-annotation-selector). */
  static final String MANAGED_ANNOTATION = "kwok.x-k8s.io/node";

  private KwokNodes() {
  }

  /** Two single-GPU L4 nodes and one node with four H100s. */
  public static List<Node> fleet() {
    return List.of(gpuNode("kwok-l4-a", L4, 1), gpuNode("kwok-l4-b", L4, 1), gpuNode("kwok-h100", H100, 4));
  }

  static Node gpuNode(String name, String product, int gpus) {
    Map<String, Quantity> resources = Map.of(
        "cpu", new Quantity("32"),
        "memory", new Quantity("256Gi"),
        "pods", new Quantity("110"),
        GPU, new Quantity(Integer.toString(gpus)));
    return new NodeBuilder()
        .withNewMetadata().withName(name)
        .addToAnnotations(MANAGED_ANNOTATION, "fake")
        .addToLabels("type", "kwok")
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels(GPU_PRODUCT, product)
        .endMetadata()
        .withNewStatus().withCapacity(resources).withAllocatable(resources).endStatus()
        .build();
  }
}
