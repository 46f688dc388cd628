package dev.gearbox.router.classifier.training;

import dev.gearbox.router.classifier.Features;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CrossValidationTest {
  private static final List<TrainingExample> ALWAYS = List.of(example("a"), example("b"), example("c"));
  private static final List<TrainingExample> EVALUATED = List.of(example("a"), example("b"), example("a"),
      example("c"), example("b"), example("c"));

  @Test
  void leaveOneSourceOutTrainsWithoutAnyPromptOfTheHeldOutSource() {
    List<Set<String>> trainedOn = new ArrayList<>();
    // The score says whether the model that scored an example had seen its source.
    double[] scores = CrossValidation.leaveOneSourceOut(ALWAYS, EVALUATED, train -> {
      Set<String> sources = train.stream().map(TrainingExample::source).collect(Collectors.toSet());
      trainedOn.add(sources);
      return e -> sources.contains(e.source()) ? 1 : 0;
    });

    assertThat(scores).containsOnly(0);
    assertThat(trainedOn).hasSize(3).allSatisfy(sources -> assertThat(sources).hasSize(2));
  }

  @Test
  void leaveOneSourceOutKeepsEveryOtherSourceFromBothFiles() {
    List<Integer> sizes = new ArrayList<>();
    CrossValidation.leaveOneSourceOut(ALWAYS, EVALUATED, train -> {
      sizes.add(train.size());
      return e -> 0;
    });

    // Each source has one always-trained and two evaluated examples: the other two sources give 6.
    assertThat(sizes).containsOnly(6);
  }

  @Test
  void kFoldNeverTrainsOnTheExampleItScores() {
    double[] scores = CrossValidation.outOfFold(ALWAYS, EVALUATED, 3, 7, train -> {
      Set<TrainingExample> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      seen.addAll(train);
      return e -> seen.contains(e) ? 1 : 0;
    });

    assertThat(scores).containsOnly(0);
  }

  private static TrainingExample example(String source) {
    return new TrainingExample("prompt from " + source, Features.dense(new float[] {1}), null, 0, source);
  }
}
