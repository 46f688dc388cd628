package dev.gearbox.router.classifier;

import java.util.Map;

/**
 * How the classifier runs, fixed at start-up.
 *
 * @param intraOpThreads ONNX Runtime threads inside one inference; 1 is the stable, predictable choice on small
 *                       nodes (concurrent requests already use the cores)
 * @param interOpThreads ONNX Runtime threads across graph nodes; 1 for this sequential model
 */
public record ClassifierSettings(int intraOpThreads, int interOpThreads) {

  public static ClassifierSettings defaults() {
    return new ClassifierSettings(1, 1);
  }

  /** From GEARBOX_ONNX_INTRA_OP_THREADS and GEARBOX_ONNX_INTER_OP_THREADS, each defaulting to 1. */
  public static ClassifierSettings fromEnvironment(Map<String, String> environment) {
    return new ClassifierSettings(positive(environment, "GEARBOX_ONNX_INTRA_OP_THREADS"),
        positive(environment, "GEARBOX_ONNX_INTER_OP_THREADS"));
  }

  private static int positive(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer, got \"" + value + "\"");
  }
}
