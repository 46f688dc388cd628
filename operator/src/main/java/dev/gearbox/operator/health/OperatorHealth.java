package dev.gearbox.operator.health;

import io.javaoperatorsdk.operator.RuntimeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads a {@link HealthReport} from the SDK's runtime information. */
public final class OperatorHealth implements Supplier<HealthReport> {
  private final RuntimeInfo runtime;

  public OperatorHealth(RuntimeInfo runtime) {
    this.runtime = runtime;
  }

  @Override
  public HealthReport get() {
    if (!runtime.isStarted()) {
      return new HealthReport(false, List.of());
    }
    List<String> unhealthy = new ArrayList<>();
    runtime.unhealthyEventSources().forEach((controller, sources) ->
        sources.keySet().forEach(source -> unhealthy.add(controller + "/" + source)));
    unhealthy.sort(null);
    return new HealthReport(true, unhealthy);
  }
}
