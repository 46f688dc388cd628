package dev.gearbox.router.cli;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.ModelTier;
import dev.gearbox.api.v1alpha1.ResolvedTier;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks policy files the way the API server and the router would, without a cluster. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check ModelTier and RoutingPolicy YAML files as the API server and the router would: the CRD "
        + "schema and its CEL rules, known kinds, no empty files, no resource twice, and the policy rules. Errors "
        + "name file and line. Exit code 0: valid, 1: errors found, 2: a path does not exist.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "YAML files, or directories searched with "
      + "their subdirectories.")
  List<Path> paths;

  @Spec
  CommandSpec spec;

  @Option(names = "--namespace", defaultValue = "default", description = "Namespace of resources that name none.")
  String namespace;

  @Override
  public Integer call() {
    ResourceFiles files = new ResourceFiles(namespace);
    List<String> errors = new ArrayList<>();
    List<ModelTier> tiers = new ArrayList<>();
    List<RoutingPolicy> policies = new ArrayList<>();
    Map<String, String> origins = new HashMap<>();
    for (Path path : paths) {
      CliErrors.existing(path, "FILE|DIR");
      ResourceFiles.Loaded loaded = files.loadTree(path);
      errors.addAll(loaded.errors());
      tiers.addAll(loaded.tiers());
      policies.addAll(loaded.policies());
      origins.putAll(loaded.origins());
    }
    for (RoutingPolicy policy : policies) {
      String label = origins.getOrDefault(ResourceFiles.key(policy), "?") + ": RoutingPolicy/"
          + policy.getMetadata().getName() + ": ";
      Map<String, ModelTier> inNamespace = tiers.stream()
          .filter(t -> t.getMetadata().getNamespace().equals(policy.getMetadata().getNamespace()))
          .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity(), (a, b) -> a));
      RoutingPolicyValidator.validate(policy.getSpec(), inNamespace).forEach(e -> errors.add(label + e));
      List<ResolvedTier> resolved = ResolvedTier.of(policy, inNamespace);
      for (int i = 0; i < resolved.size(); i++) {
        if (!resolved.get(i).found()) {
          errors.add(label + "spec.tiers[" + i + "]: no ModelTier \"" + resolved.get(i).name() + "\" in the given "
              + "files (namespace " + policy.getMetadata().getNamespace() + ")");
        }
      }
    }
    errors.forEach(spec.commandLine().getErr()::println);
    spec.commandLine().getErr().flush();
    spec.commandLine().getOut().printf("%d ModelTier(s), %d RoutingPolicy(ies), %d error(s)%n", tiers.size(), policies.size(),
        errors.size());
    spec.commandLine().getOut().flush();
    return errors.isEmpty() ? 0 : 1;
  }
}
