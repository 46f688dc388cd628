package dev.gearbox.router.cli;

import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.router.classifier.Calibration;
import dev.gearbox.router.classifier.ClassifierSettings;
import dev.gearbox.router.classifier.ComplexityFeatures;
import dev.gearbox.router.classifier.ComplexityScorer;
import dev.gearbox.router.classifier.training.ComplexityTrainer;
import dev.gearbox.router.classifier.ComplexityWeights;
import dev.gearbox.router.classifier.training.CrossValidation;
import dev.gearbox.router.classifier.training.CrossValidation.Learner;
import dev.gearbox.router.classifier.Embedder;
import dev.gearbox.router.classifier.training.EmbeddingCache;
import dev.gearbox.router.classifier.EmbeddingModels;
import dev.gearbox.router.classifier.Features;
import dev.gearbox.router.classifier.PromptFile;
import dev.gearbox.router.classifier.training.SoftmaxTrainer;
import dev.gearbox.router.classifier.StaticEmbeddings;
import dev.gearbox.router.classifier.training.TrainingExample;
import dev.gearbox.router.replay.RobustnessReport;
import dev.gearbox.router.replay.TrainingReport;
import dev.gearbox.router.replay.TrainingReport.Method;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Trains the complexity estimator's weights from labelled prompts and reports how they route prompts from sources
 * they never saw (leave-one-source-out), next to a length-only rule and a plain regression on the bundled model's
 * embedding, then k-fold and robustness figures.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the complexity estimator on labelled JSONL prompts ({\"prompt\", \"tier\": 1..3, \"source\"}), "
        + "report leave-one-source-out and k-fold routing quality per source against two baselines and the tier "
        + "changes under meaning-preserving edits, and write the weights file.")
final class TrainCommand implements Callable<Integer> {
  static final String SHIPPED_WEIGHTS = "extproc-router/src/main/resources/" + ComplexityWeights.RESOURCE;

  @Option(names = "--evaluate", required = true, paramLabel = "JSONL",
      description = "Prompts measured held out (by source, and in folds) and then trained on; their k-fold scores "
          + "give the shipped score curve.")
  Path evaluate;

  @Option(names = "--train", paramLabel = "JSONL", description = "Prompts always trained on, except when their "
      + "source is held out (repeatable).")
  List<Path> train = new ArrayList<>();

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--seed", defaultValue = "42", description = "Fold shuffle seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--shares", split = ",", defaultValue = "35,25,40",
      description = "Traffic shares for the routing figures of the report. Default: ${DEFAULT-VALUE}.")
  List<Integer> shares;

  @Option(names = "--out", defaultValue = SHIPPED_WEIGHTS, paramLabel = "FILE",
      description = "Weights file to write; a name ending in .gz is gzipped, small enough for a ConfigMap (kubectl "
          + "create configmap NAME --from-file=FILE) that a policy names in spec.complexity.weights. "
          + "Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--balance", defaultValue = "source",
      description = "Example weights: tier (each tier weighs the same) or source (and each source within its tier). "
          + "Default: ${DEFAULT-VALUE}.")
  String balance;

  @Option(names = "--l2", defaultValue = "1e-2", description = "L2 penalty of the head. Default: ${DEFAULT-VALUE}.")
  double l2;

  @Option(names = "--buckets", defaultValue = "32768",
      description = "Hashed word and word-pair buckets; 0 for none. Default: ${DEFAULT-VALUE}.")
  int buckets;

  @Option(names = "--term-weight", defaultValue = "10",
      description = "Norm of a prompt's hashed words against its unit-variance dense features. "
          + "Default: ${DEFAULT-VALUE}.")
  float termWeight;

  @Option(names = "--epochs", defaultValue = "300", description = "Training passes. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--no-baselines",
      description = "Skip the plain-embedding baseline (it runs the bundled model over every prompt once).")
  boolean noBaselines;

  @Option(names = "--baseline-tokens", defaultValue = "128", paramLabel = "N",
      description = "Token window of the plain-embedding baseline. Default: ${DEFAULT-VALUE}.")
  int baselineTokens;

  @Option(names = "--embedding-cache", paramLabel = "FILE",
      description = "Keep the baseline's embeddings (keyed by a hash of the text) in this file between runs.")
  Path embeddingCache;

  @Option(names = "--no-write", description = "Only report; do not write the weights file.")
  boolean noWrite;

  @Override
  public Integer call() throws Exception {
    ComplexityTrainer.Settings defaults = ComplexityTrainer.Settings.defaults();
    ComplexityTrainer.Settings settings = new ComplexityTrainer.Settings(defaults.tiers(), balance.equals("source"),
        buckets, termWeight, new SoftmaxTrainer.Options(epochs, defaults.head().learningRate(), l2));
    ComplexityFeatures features = new ComplexityFeatures(StaticEmbeddings.bundled(), buckets);
    try (EmbeddingModels models = new EmbeddingModels(ClassifierSettings.fromEnvironment(System.getenv()))) {
      EmbeddingCache embeddings = noBaselines ? null : new EmbeddingCache(embeddingCache, baselineTokens,
          () -> models.forPolicy(new EmbeddingModel(null, null, baselineTokens)));
      List<TrainingExample> always = new ArrayList<>();
      for (Path file : train) {
        always.addAll(examples(file, features, embeddings, settings.tiers()));
      }
      List<TrainingExample> evaluated = examples(evaluate, features, embeddings, settings.tiers());
      if (embeddings != null) {
        embeddings.save();
      }
      System.out.printf("%d prompts always trained on, %d measured held out%n", always.size(), evaluated.size());
      Learner estimator = train -> fitted(train, TrainingExample::features, settings);
      Learner length = train -> e -> e.text().length();
      List<Method> loso = new ArrayList<>(List.of(
          new Method("estimator", CrossValidation.leaveOneSourceOut(always, evaluated, estimator)),
          new Method("length only", CrossValidation.leaveOneSourceOut(always, evaluated, length))));
      if (embeddings != null) {
        loso.add(new Method("embedding regression", CrossValidation.leaveOneSourceOut(always, evaluated,
            train -> fitted(train, e -> Features.dense(e.embedding()), settings))));
      }
      TrainingReport report = new TrainingReport(evaluated, settings.tiers());
      report.print("LEAVE-ONE-SOURCE-OUT: each source scored by a model trained without any of its prompts", loso,
          shares, System.out);
      report.separability(loso, System.out);
      Method kFold = new Method("estimator", CrossValidation.outOfFold(always, evaluated, folds, seed, estimator));
      report.print(folds + "-FOLD (sources on both sides of every split; flatters)",
          List.of(kFold, new Method("length only", CrossValidation.outOfFold(always, evaluated, folds, seed,
              length))), shares, System.out);
      report.sweep(kFold, shares, System.out);

      List<TrainingExample> all = new ArrayList<>(always);
      all.addAll(evaluated);
      List<String> notes = List.of("trained on " + all.size() + " prompts: " + train.stream()
          .map(p -> p.getFileName().toString()).toList() + " + " + evaluate.getFileName(),
          "score curve from " + folds + "-fold held-out scores on " + evaluate.getFileName() + ", seed " + seed,
          "l2 " + l2 + ", balance " + balance + ", " + buckets + " word buckets at weight " + termWeight);
      ComplexityWeights weights = ComplexityTrainer.fit(all, features, settings, notes)
          .withScoreCurve(Calibration.percentiles(kFold.scores()));
      ComplexityScorer scorer = new ComplexityScorer(weights, features);
      double[] thresholds = Calibration.fromQuantiles(weights.scoreQuantiles(), shares);
      RobustnessReport.print(evaluated.stream().map(TrainingExample::text).toList(),
          text -> Calibration.tier(scorer.score(text).value(), thresholds), System.out);
      if (!noWrite) {
        weights.write(out);
        System.out.println("wrote " + out);
      }
      return 0;
    }
  }

  private static ToDoubleFunction<TrainingExample> fitted(List<TrainingExample> train,
      Function<TrainingExample, Features> view, ComplexityTrainer.Settings settings) {
    ComplexityTrainer.Fitted head = ComplexityTrainer.fitHead(train, view, settings);
    return e -> head.score(view.apply(e));
  }

  private static List<TrainingExample> examples(Path file, ComplexityFeatures features, Embedder embeddings,
      int tiers) throws IOException {
    PromptFile.Read read = PromptFile.read(file);
    read.errors().forEach(System.err::println);
    List<TrainingExample> examples = new ArrayList<>();
    for (PromptFile.Prompt prompt : read.prompts()) {
      int tier = prompt.tier() == null || !prompt.tier().matches("\\d+") ? -1 : Integer.parseInt(prompt.tier());
      if (tier < 1 || tier > tiers) {
        System.err.println(file.getFileName() + " line " + prompt.line() + ": skipped, \"tier\" must be 1.." + tiers);
        continue;
      }
      examples.add(new TrainingExample(prompt.text(), features.of(prompt.text()),
          embeddings == null ? null : embeddings.embed(prompt.text()), tier - 1,
          prompt.source() == null ? "-" : prompt.source()));
    }
    return examples;
  }
}
