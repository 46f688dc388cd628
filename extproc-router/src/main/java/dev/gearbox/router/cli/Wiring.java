package dev.gearbox.router.cli;

import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.ModelClassifiers;
import dev.gearbox.router.routing.Classifiers;

import java.nio.file.Path;

/** The pieces every command assembles the same way. */
public final class Wiring {
  private Wiring() {
  }

  /**
   * The model-backed signals available to policies: embeddings and the complexity estimator, loaded only when a
   * policy uses them. ONNX thread counts come from GEARBOX_ONNX_INTRA_OP_THREADS / GEARBOX_ONNX_INTER_OP_THREADS;
   * GEARBOX_COMPLEXITY_WEIGHTS names estimator weights (written by {@code train --out}) to use instead of the shipped
   * ones.
   */
  public static Classifiers classifiers() {
    String weights = System.getenv("GEARBOX_COMPLEXITY_WEIGHTS");
    return new ModelClassifiers(new EmbeddingModels(ClassifierSettings.fromEnvironment(System.getenv())),
        weights == null || weights.isBlank() ? null : Path.of(weights));
  }
}
