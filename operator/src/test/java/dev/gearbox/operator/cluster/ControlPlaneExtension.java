package dev.gearbox.operator.cluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * Gives a test class the one {@link TestControlPlane} of the test run (started on first use, stopped when the run
 * ends), as a constructor or method parameter. Skips the class, with how to build the
 * binaries, when test-cluster/build.sh has not been run, so that a plain {@code ./mvnw verify} without Go passes.
 */
public final class ControlPlaneExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

  /** Set by .ci/run: there a missing control plane is a failure, not a skip. */
  static final String REQUIRED_VARIABLE = "GEARBOX_REQUIRE_TEST_CLUSTER";

  /** Evaluated before the test instance is made (whose constructor may ask for the control plane). */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    ControlPlaneBinaries.Found found = ControlPlaneBinaries.find();
    if (found.binaries().isPresent()) {
      return ConditionEvaluationResult.enabled("control plane in " + found.binaries().get().directory());
    }
    if ("true".equals(System.getenv(REQUIRED_VARIABLE))) {
      throw new ExtensionConfigurationException(REQUIRED_VARIABLE + " is true but there is " + found.why());
    }
    return ConditionEvaluationResult.disabled(found.why());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestControlPlane.class;
  }

  @Override
  public TestControlPlane resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("cluster", key -> new Running(start()), Running.class).cluster();
  }

  private static TestControlPlane start() {
    ControlPlaneBinaries binaries = ControlPlaneBinaries.find().binaries().orElseThrow();
    return TestControlPlane.start(binaries, Path.of("target", "test-cluster").toAbsolutePath());
  }

  /** Closed by JUnit when the root context (the whole run) ends. */
  private record Running(TestControlPlane cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
