package dev.gearbox.router.cli;

import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.training.StaticEmbeddingDistiller;
import dev.gearbox.router.classifier.StaticEmbeddings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writes the static token table the complexity estimator averages, distilled from the bundled MiniLM. */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = "Distil the bundled all-MiniLM-L6-v2 into static token embeddings (every vocabulary token run "
        + "through the model once, PCA, Zipf weighting) and write the table the complexity estimator reads. "
        + "Retrain the estimator afterwards: weights name the table they were trained on.")
final class DistillCommand implements Callable<Integer> {
  static final String SHIPPED_TABLE = "extproc-router/src/main/resources/" + StaticEmbeddings.RESOURCE;

  @Option(names = "--dimensions", defaultValue = "128", paramLabel = "N",
      description = "Principal components kept per token. Default: ${DEFAULT-VALUE}.")
  int dimensions;

  @Option(names = "--out", defaultValue = SHIPPED_TABLE, paramLabel = "FILE",
      description = "Table file to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    float[][] table = StaticEmbeddingDistiller.distillBundled(
        ClassifierSettings.fromEnvironment(System.getenv()), dimensions);
    StaticEmbeddings.write(out, table);
    System.out.printf("wrote %s: %d tokens x %d dimensions in %.1f s%n", out, table.length, dimensions,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
