package dev.gearbox.router.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.router.policy.PolicyFiles;
import dev.gearbox.router.policy.SnapshotHolder;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.Estimate;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.SessionStores;
import dev.gearbox.router.routing.TierTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Explains the decision for one prompt or request body, offline, with the code the server runs. */
@Command(name = "route", mixinStandardHelpOptions = true,
    description = "Route one prompt (or an OpenAI request body from a file or stdin) and print the tier, what "
        + "decided, and the header and body changes the server would make.")
final class RouteCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "A user prompt; sent as a chat completion.")
  String prompt;

  @Option(names = "--body", paramLabel = "FILE", description = "An OpenAI request body; - reads stdin.")
  String bodyFile;

  @Option(names = "--policy", paramLabel = "DIR|FILE",
      description = "Policy YAML. Default: the quickstart (examples/quickstart) bundled in the jar.")
  Path policy;

  @Option(names = "--model", defaultValue = "auto", description = "Requested model for PROMPT. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--path", defaultValue = "/v1/chat/completions", description = "Request path. Default: ${DEFAULT-VALUE}.")
  String path;

  @Option(names = {"-H", "--header"}, paramLabel = "NAME=VALUE", description = "A request header (repeatable).")
  Map<String, String> extraHeaders = new HashMap<>();

  @Option(names = "--json", description = "Print the decision as one JSON object: tier, what decided it, the "
      + "estimator's score, per-tier probabilities and thresholds, and the rules and signals that ran.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if ((prompt == null) == (bodyFile == null)) {
      throw new UsageError("give either a PROMPT or --body FILE");
    }
    CliErrors.existing(policy, "--policy");
    byte[] body = body();
    SnapshotHolder snapshots = new SnapshotHolder(() -> { });
    snapshots.apply(new PolicyFiles(policy, "default", Wiring.classifiers(), new SessionStores())
        .load(snapshots.get()));
    if (snapshots.get().isEmpty()) {
      return 1;
    }
    Map<String, String> headers = new HashMap<>();
    headers.put(":method", "POST");
    headers.put(":path", path);
    headers.put(":authority", "localhost");
    headers.put("content-type", "application/json");
    extraHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));

    RequestRouter router = new RequestRouter(snapshots, RouterSettings.defaults(), RouterEvents.NONE);
    RouteResult result = router.onHeaders(headers).orElseGet(() -> router.onBody(headers, body));
    if (json) {
      System.out.println(JSON.writeValueAsString(explain(result)));
    } else {
      print(result, body, System.out);
    }
    return shown(result).rejected() ? 1 : 0;
  }

  private byte[] body() throws IOException {
    if (prompt != null) {
      String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(prompt));
      String modelQuoted = new String(JsonStringEncoder.getInstance().quoteAsString(model));
      return ("{\"model\":\"" + modelQuoted + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + quoted + "\"}]}")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (bodyFile.equals("-")) {
      return System.in.readAllBytes();
    }
    if (!Files.isRegularFile(Path.of(bodyFile))) {
      throw new UsageError("no such file: " + bodyFile + " (--body)");
    }
    return Files.readAllBytes(Path.of(bodyFile));
  }

  /** The decision as data: what a person asks when a request lands on a tier they did not expect. */
  static ObjectNode explain(RouteResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("outcome", result.outcome().replace('_', '-'));
    node.put("reason", result.reason());
    node.put("policy", result.policy() == null ? null : result.policy().id());
    Decision decision = result.decision();
    node.put("tier", decision == null ? null : decision.tier().name());
    node.put("model", decision == null ? null : decision.tier().model());
    node.put("cluster", decision == null ? null : decision.tier().cluster());
    node.put("decidedBy", decision == null ? null : decision.decidedBy());
    node.put("explanation", decision == null ? null : decision.explanation());
    Estimate estimate = decision == null ? null : decision.estimate();
    node.put("score", estimate == null ? null : estimate.score());
    if (estimate != null && estimate.probabilities() != null) {
      ObjectNode probabilities = node.putObject("probabilities");
      List<TierTarget> tiers = result.policy().tiers();
      for (int t = 0; t < tiers.size(); t++) {
        probabilities.put(tiers.get(t).name(), estimate.probabilities()[t]);
      }
    } else {
      node.putNull("probabilities");
    }
    node.set("thresholds", estimate == null || estimate.thresholds() == null ? null
        : JSON.valueToTree(estimate.thresholds()));
    node.set("signals", decision == null ? JSON.createArrayNode() : JSON.valueToTree(decision.signals()));
    node.set("setHeaders", JSON.valueToTree(result.setHeaders()));
    node.put("error", shown(result).error());
    return node;
  }

  static void print(RouteResult result, byte[] originalBody, PrintStream out) {
    Shown shown = shown(result);
    out.println("outcome:  " + result.outcome().replace('_', '-')
        + (result.reason() == null ? "" : " (" + result.reason() + ")"));
    if (result.policy() != null) {
      out.println("policy:   " + result.policy().id());
    }
    if (result.decision() != null) {
      var tier = result.decision().tier();
      out.println("tier:     " + tier.name() + "  (model " + tier.model() + ", cluster " + tier.cluster() + ")");
      out.println("decision: " + result.decision().explanation());
    }
    if (shown.error() != null) {
      out.println("error:    " + (shown.rejected() ? shown.status() + " " : "") + shown.error());
    }
    if (!result.setHeaders().isEmpty()) {
      out.println("set headers:");
      result.setHeaders().forEach((k, v) -> out.println("  " + k + ": " + v));
    }
    if (shown.body() != null) {
      out.println("body (" + originalBody.length + " -> " + shown.body().length + " bytes):");
      out.println("  " + new String(shown.body(), StandardCharsets.UTF_8));
    } else if (!shown.rejected()) {
      out.println("body:     unchanged");
    }
  }

  /** What an outcome shows beyond its decision: the error (with a rejection's status) and the body sent on. */
  private record Shown(String error, boolean rejected, int status, byte[] body) {
  }

  private static Shown shown(RouteResult result) {
    return result.match(new RouteResult.Cases<>() {
      @Override
      public Shown routed(RouteResult.Routed routed) {
        return new Shown(null, false, 0, routed.body());
      }

      @Override
      public Shown shadowed(RouteResult.Shadowed shadowed) {
        return new Shown(null, false, 0, null);
      }

      @Override
      public Shown failedOpen(RouteResult.FailedOpen failedOpen) {
        return new Shown(failedOpen.error(), false, 0, failedOpen.body());
      }

      @Override
      public Shown rejected(RouteResult.Rejected rejected) {
        return new Shown(rejected.error(), true, rejected.status(), null);
      }

      @Override
      public Shown passedThrough(RouteResult.PassedThrough passedThrough) {
        return new Shown(null, false, 0, null);
      }
    });
  }
}
