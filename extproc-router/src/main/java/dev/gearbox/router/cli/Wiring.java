package dev.gearbox.router.cli;

import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.ModelClassifiers;
import dev.gearbox.router.routing.Classifiers;

/** The pieces every command assembles the same way. */
public final class Wiring {
  private Wiring() {
  }

  /**
   * The model-backed signals available to policies: embeddings and the complexity estimator, loaded only when a
   * policy uses them. ONNX thread counts come from GEARBOX_ONNX_INTRA_OP_THREADS / GEARBOX_ONNX_INTER_OP_THREADS.
   */
  public static Classifiers classifiers() {
    return new ModelClassifiers(new EmbeddingModels(ClassifierSettings.fromEnvironment(System.getenv())), null);
  }
}
