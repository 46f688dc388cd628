package dev.gearbox.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a resource's conditions for one generation. A condition keeps its previous lastTransitionTime while its
 * status holds, so a status rebuilt with nothing new equals the old one and is not patched.
 */
public final class ConditionSet {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private final List<Condition> previous;
  private final long generation;
  private final String now;
  private final List<Condition> conditions = new ArrayList<>();

  public ConditionSet(List<Condition> previous, Long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation == null ? 0 : generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS).toString(); // the API server stores seconds
  }

  public ConditionSet set(String type, boolean status, String reason, String message) {
    return set(type, status ? TRUE : FALSE, reason, message);
  }

  /** @param value True, False or Unknown */
  public ConditionSet set(String type, String value, String reason, String message) {
    String since = find(previous, type)
        .filter(old -> value.equals(old.getStatus()) && old.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElse(now);
    conditions.add(new ConditionBuilder()
        .withType(type).withStatus(value).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(since)
        .build());
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(conditions);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }
}
