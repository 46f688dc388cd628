package dev.gearbox.router.classifier;

/**
 * The model-backed classifiers on the bundled model and the shipped weights, opened once for every test class in
 * the JVM that needs them (an ONNX session and the static token table are slow to load and hold no test's state).
 */
final class BundledClassifiers {
  private static final EmbeddingModels MODELS = new EmbeddingModels(ClassifierSettings.defaults());
  private static final ModelClassifiers CLASSIFIERS = new ModelClassifiers(MODELS, null);

  private BundledClassifiers() {
  }

  static ModelClassifiers get() {
    return CLASSIFIERS;
  }
}
