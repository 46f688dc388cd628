package dev.gearbox.router.cli;

import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.router.classifier.Calibration;
import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ComplexityTrainer;
import dev.gearbox.router.classifier.ComplexityWeights;
import dev.gearbox.router.classifier.CrossValidation;
import dev.gearbox.router.classifier.EmbeddingCache;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.classifier.SoftmaxTrainer;
import dev.gearbox.router.classifier.TrainingExample;
import dev.gearbox.router.replay.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Trains the complexity estimator's weights from labelled prompts and reports their cross-validated quality. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the complexity estimator on labelled JSONL prompts ({\"prompt\", \"tier\": 1..3, \"source\"}), "
        + "report k-fold cross-validated accuracy per tier and per source, and write the weights file.")
final class TrainCommand implements Callable<Integer> {
  static final String SHIPPED_WEIGHTS = "extproc-router/src/main/resources/" + ComplexityWeights.RESOURCE;

  @Option(names = "--evaluate", required = true, paramLabel = "JSONL",
      description = "Prompts cross-validated in folds (each fold scored by a model trained without it) and then "
          + "trained on; their held-out scores give the shipped score curve.")
  Path evaluate;

  @Option(names = "--train", paramLabel = "JSONL", description = "Prompts always trained on (repeatable).")
  List<Path> train = new ArrayList<>();

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--seed", defaultValue = "42", description = "Fold shuffle seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--shares", split = ",", defaultValue = "35,25,40",
      description = "Traffic shares for the routing figures of the report. Default: ${DEFAULT-VALUE}.")
  List<Integer> shares;

  @Option(names = "--confidence", defaultValue = "0.6",
      description = "Top probability at which the lexical head answers alone. Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--embedding-tokens", defaultValue = "16", paramLabel = "N",
      description = "Token window of the bundled model's embeddings (head and tail of the prompt); the router embeds "
          + "with the window the weights record. Default: ${DEFAULT-VALUE}.")
  int embeddingTokens;

  @Option(names = "--out", defaultValue = SHIPPED_WEIGHTS, paramLabel = "FILE",
      description = "Weights file to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--embedding-cache", paramLabel = "FILE",
      description = "Keep embeddings (keyed by a hash of the text) in this file between runs.")
  Path embeddingCache;

  @Option(names = "--balance", defaultValue = "source",
      description = "Example weights: tier (each tier weighs the same) or source (and each source within its tier). "
          + "Default: ${DEFAULT-VALUE}.")
  String balance;

  @Option(names = "--l2", split = ",", defaultValue = "1e-4,3e-4",
      description = "L2 penalty of the lexical and the full head. Default: ${DEFAULT-VALUE}.")
  List<Double> l2;

  @Option(names = "--no-write", description = "Only report; do not write the weights file.")
  boolean noWrite;

  @Override
  public Integer call() throws Exception {
    ComplexityTrainer.Settings defaults = ComplexityTrainer.Settings.defaults();
    ComplexityTrainer.Settings settings = new ComplexityTrainer.Settings(defaults.tiers(), defaults.buckets(),
        confidence, embeddingTokens, balance.equals("source"),
        new SoftmaxTrainer.Options(defaults.lexical().epochs(), defaults.lexical().learningRate(), l2.get(0)),
        new SoftmaxTrainer.Options(defaults.full().epochs(), defaults.full().learningRate(), l2.get(1)));
    try (EmbeddingModels models = new EmbeddingModels(ClassifierSettings.fromEnvironment(System.getenv()))) {
      EmbeddingCache embeddings = new EmbeddingCache(embeddingCache, embeddingTokens,
          () -> models.forPolicy(new EmbeddingModel(null, null, embeddingTokens)));
      List<TrainingExample> always = new ArrayList<>();
      for (Path file : train) {
        always.addAll(examples(file, embeddings, settings));
      }
      List<TrainingExample> evaluated = examples(evaluate, embeddings, settings);
      embeddings.save();
      System.out.printf("%d prompts always trained on, %d cross-validated in %d folds (seed %d)%n",
          always.size(), evaluated.size(), folds, seed);
      List<CrossValidation.Prediction> heldOut = CrossValidation.outOfFold(always, evaluated, folds, seed, settings);
      new TrainingReport(heldOut, settings.tiers()).print(shares, System.out);
      if (noWrite) {
        return 0;
      }
      List<TrainingExample> all = new ArrayList<>(always);
      all.addAll(evaluated);
      List<String> notes = List.of("trained on " + all.size() + " prompts: " + train.stream()
          .map(p -> p.getFileName().toString()).toList() + " + " + evaluate.getFileName(),
          folds + "-fold cross-validation on " + evaluate.getFileName() + ", seed " + seed);
      ComplexityWeights weights = ComplexityTrainer.fit(all, settings, notes).withScoreCurve(
          Calibration.percentiles(heldOut.stream().mapToDouble(p -> p.score().value()).toArray()), notes);
      weights.write(out);
      System.out.println("wrote " + out);
      return 0;
    }
  }

  private static List<TrainingExample> examples(Path file, EmbeddingCache embeddings,
      ComplexityTrainer.Settings settings) throws Exception {
    PromptFile.Read read = PromptFile.read(file);
    read.errors().forEach(System.err::println);
    List<TrainingExample> examples = new ArrayList<>();
    for (PromptFile.Prompt prompt : read.prompts()) {
      int tier = prompt.tier() == null || !prompt.tier().matches("\\d+") ? -1 : Integer.parseInt(prompt.tier());
      if (tier < 1 || tier > settings.tiers()) {
        System.err.println(file.getFileName() + " line " + prompt.line() + ": skipped, \"tier\" must be 1.."
            + settings.tiers());
        continue;
      }
      examples.add(TrainingExample.of(prompt.text(), tier - 1, prompt.source() == null ? "-" : prompt.source(),
          embeddings.embed(prompt.text()), settings.buckets()));
    }
    return examples;
  }
}
