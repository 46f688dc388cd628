package dev.gearbox.operator.health;

import java.util.List;

/**
 * What the probes answer, from whether the operator has started and which event sources (informers) are unhealthy.
 * Pure, so the probe logic is tested without a server.
 *
 * @param started   the operator finished start-up (informers created, caches syncing or synced)
 * @param unhealthy "controller/event source" names of event sources that are not healthy
 */
public record HealthReport(boolean started, List<String> unhealthy) {

  public HealthReport {
    unhealthy = List.copyOf(unhealthy);
  }

  /** HTTP status and body of one probe. */
  public record Answer(int status, String body) {
  }

  public Answer startup() {
    return started ? new Answer(200, "started\n") : new Answer(503, "starting\n");
  }

  /** Ready to take part: started and every watch working. */
  public Answer readiness() {
    if (!started) {
      return new Answer(503, "starting\n");
    }
    return unhealthy.isEmpty() ? new Answer(200, "ok\n") : unhealthyAnswer();
  }

  /** Alive unless a watch broke for good after start-up; a restart is the cure then. */
  public Answer liveness() {
    return !started || unhealthy.isEmpty() ? new Answer(200, "ok\n") : unhealthyAnswer();
  }

  private Answer unhealthyAnswer() {
    return new Answer(503, "unhealthy event sources: " + String.join(", ", unhealthy) + "\n");
  }
}
