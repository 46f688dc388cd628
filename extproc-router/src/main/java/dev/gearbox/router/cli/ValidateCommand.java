package dev.gearbox.router.cli;

import dev.gearbox.api.io.ResourceFiles;
import dev.gearbox.api.v1alpha1.RoutingPolicy;
import dev.gearbox.api.validation.RoutingPolicyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
    int tiers = 0;
    int policies = 0;
    for (Path path : paths) {
      ResourceFiles.Loaded loaded = files.load(path);
      errors.addAll(loaded.errors());
      tiers += loaded.tiers().size();
      policies += loaded.policies().size();
      for (RoutingPolicy policy : loaded.policies()) {
        RoutingPolicyValidator.validate(policy.getSpec()).forEach(e ->
            errors.add("RoutingPolicy/" + policy.getMetadata().getName() + ": " + e));
      }
    }
    errors.forEach(System.err::println);
    System.out.printf("%d ModelTier(s), %d RoutingPolicy(ies), %d error(s)%n", tiers, policies, errors.size());
    return errors.isEmpty() ? 0 : 1;
  }
}
