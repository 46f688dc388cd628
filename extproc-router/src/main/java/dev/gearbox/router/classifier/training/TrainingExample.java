package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.ComplexityFeatures;
import dev.gearbox.router.classifier.Features;

/**
 * A labelled prompt with its features computed once.
 *
 * @param features  the estimator's features ({@link ComplexityFeatures})
 * @param embedding the bundled model's sentence embedding, for the plain-embedding baseline; null when not needed
 * @param tier      0-based tier label
 */
public record TrainingExample(String text, Features features, float[] embedding, int tier, String source) {
}
