package dev.gearbox.router.cli;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks policy files the way the API server and the router would, without a cluster. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check ModelTier and RoutingPolicy YAML files against the CRD schema and the policy rules.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "YAML files or directories of them.")
  List<Path> paths;

  @Option(names = "--namespace", defaultValue = "default", description = "Namespace of resources that name none.")
  String namespace;

  @Override
  public Integer call() {
    ResourceFiles files = new ResourceFiles(namespace);
    List<String> errors = new ArrayList<>();
    List<ModelTier> tiers = new ArrayList<>();
    List<RoutingPolicy> policies = new ArrayList<>();
    for (Path path : paths) {
      ResourceFiles.Loaded loaded = files.load(path);
      errors.addAll(loaded.errors());
      tiers.addAll(loaded.tiers());
      policies.addAll(loaded.policies());
    }
    for (RoutingPolicy policy : policies) {
      String label = "RoutingPolicy/" + policy.getMetadata().getName() + ": ";
      Map<String, ModelTier> inNamespace = tiers.stream()
          .filter(t -> t.getMetadata().getNamespace().equals(policy.getMetadata().getNamespace()))
          .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity(), (a, b) -> a));
      RoutingPolicyValidator.validate(policy.getSpec(), inNamespace).forEach(e -> errors.add(label + e));
      List<String> named = policy.getSpec().tiers() == null ? List.of() : policy.getSpec().tiers();
      for (int i = 0; i < named.size(); i++) {
        if (!inNamespace.containsKey(named.get(i))) {
          errors.add(label + "spec.tiers[" + i + "]: no ModelTier \"" + named.get(i) + "\" in the given files "
              + "(namespace " + policy.getMetadata().getNamespace() + ")");
        }
      }
    }
    errors.forEach(System.err::println);
    System.out.printf("%d ModelTier(s), %d RoutingPolicy(ies), %d error(s)%n", tiers.size(), policies.size(),
        errors.size());
    return errors.isEmpty() ? 0 : 1;
  }
}
