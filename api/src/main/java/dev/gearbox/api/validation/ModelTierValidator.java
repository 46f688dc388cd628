package dev.gearbox.api.validation;

import dev.gearbox.api.v1alpha1.ExternalEndpoint;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.ModelTierSpec;
import dev.gearbox.api.v1alpha1.Replicas;
import io.fabric8.kubernetes.api.model.Quantity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a ModelTier for what the CRD schema cannot say: that its name can name a Service, that the autoscaler can
 * work, that the endpoint URL parses. Whether referenced Secrets exist is a question for whoever knows the cluster.
 */
public final class ModelTierValidator {
  /** A Service name is an RFC 1035 label: it must start with a letter and be at most 63 characters. */
  private static final String SERVICE_NAME = "[a-z]([-a-z0-9]*[a-z0-9])?";

  private ModelTierValidator() {
  }

  public static List<FieldError> validate(String name, ModelTierSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("spec", "required"));
      return errors;
    }
    if (spec.model() == null || spec.model().isBlank()) {
      errors.add(new FieldError("spec.model", "required"));
    }
    if ((spec.server() == null) == (spec.endpoint() == null)) {
      errors.add(new FieldError("spec", "set exactly one of server (an in-cluster model server) or endpoint "
          + "(an external provider)"));
    }
    if (spec.server() != null) {
      validateServer(name, spec.server(), spec.replicas(), errors);
    }
    if (spec.endpoint() != null) {
      validateEndpoint(spec.endpoint(), errors);
    }
    return errors;
  }

  private static void validateServer(String name, ModelServer server, Replicas replicas, List<FieldError> errors) {
    if (name != null && (name.length() > 63 || !name.matches(SERVICE_NAME))) {
      errors.add(new FieldError("metadata.name", "\"" + name + "\" cannot name the tier's Service: use at most 63 "
          + "lower-case letters, digits and '-', starting with a letter"));
    }
    if (server.image() == null || server.image().isBlank()) {
      errors.add(new FieldError("spec.server.image", "required"));
    }
    if (replicas == null) {
      return;
    }
    if ((replicas.metric() == null) != (replicas.metricTarget() == null)) {
      errors.add(new FieldError(replicas.metric() == null ? "spec.replicas.metric" : "spec.replicas.metricTarget",
          "spec.replicas.metric and spec.replicas.metricTarget go together"));
    }
    if (replicas.metricTarget() != null && !isQuantity(replicas.metricTarget())) {
      errors.add(new FieldError("spec.replicas.metricTarget", "\"" + replicas.metricTarget()
          + "\" is not a quantity such as 5 or 500m"));
    }
    int min = replicas.min() == null ? 1 : replicas.min();
    boolean autoscaled = replicas.max() != null && replicas.max() > min;
    if (autoscaled && replicas.metric() == null && server.cpu() == null) {
      errors.add(new FieldError("spec.server.cpu", "required when replicas.max > replicas.min and the autoscaler "
          + "scales on CPU: utilization is measured against the CPU request"));
    }
  }

  private static void validateEndpoint(ExternalEndpoint endpoint, List<FieldError> errors) {
    if (endpoint.url() == null) {
      errors.add(new FieldError("spec.endpoint.url", "required"));
      return;
    }
    try {
      URI uri = new URI(endpoint.url());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        errors.add(new FieldError("spec.endpoint.url", "must start with http:// or https://, got \""
            + endpoint.url() + "\""));
      } else if (uri.getHost() == null) {
        errors.add(new FieldError("spec.endpoint.url", "has no host: \"" + endpoint.url() + "\""));
      }
    } catch (URISyntaxException e) {
      errors.add(new FieldError("spec.endpoint.url", "is not a URL: " + e.getMessage()));
    }
  }

  private static boolean isQuantity(String value) {
    try {
      Quantity.getAmountInBytes(new Quantity(value));
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
