package dev.gearbox.router.server;

import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.Decision;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** Every outcome the router can reach has its own answer to Envoy, in both phases that can end a request. */
class EnvoyMessagesTest {
  private static final CompiledPolicy POLICY = snapshot(TIERS + "---\n" + policy("")).policies().get(0);
  private static final Map<String, String> TIER = Map.of(RequestRouter.TIER_HEADER, "large");
  private static final byte[] BODY = "{\"model\":\"large-model\"}".getBytes(StandardCharsets.UTF_8);

  private static final Decision LARGE = new Decision(POLICY.tiers().get(2), "default", POLICY.tiers().get(2), false,
      Decision.Floor.NONE, null, List.of());
  private static final RouteResult.Shadowed SHADOWED = new RouteResult.Shadowed(POLICY, LARGE);

  private static List<RouteResult> everyOutcome() {
    return List.of(new RouteResult.Routed(POLICY, LARGE, TIER, BODY), SHADOWED,
        new RouteResult.FailedOpen(POLICY, TIER, null, "broke", "internal_error"),
        new RouteResult.Rejected(POLICY, 503, "no tier", "no_ready_tier"),
        new RouteResult.PassedThrough(null, "not_routable"));
  }

  @Test
  void theOutcomesTestedAreEveryOutcomeThereIs() {
    assertThat(everyOutcome().stream().map(r -> r.getClass().getSimpleName()))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(RouteResult.class.getPermittedSubclasses())
            .map(Class::getSimpleName).toList());
  }

  /** The cases do not compile without one per outcome. */
  @Test
  void aBodyAnswerPerOutcome() {
    for (RouteResult result : everyOutcome()) {
      ProcessingResponse answer = EnvoyMessages.onRequestBody(result);
      CommonResponse common = answer.getRequestBody().getResponse();
      result.match(new RouteResult.Cases<Void>() {
        @Override
        public Void routed(RouteResult.Routed routed) {
          assertThat(common.getClearRouteCache()).isTrue();
          assertThat(common.getBodyMutation().getBody().toByteArray()).isEqualTo(BODY);
          return null;
        }

        @Override
        public Void shadowed(RouteResult.Shadowed shadowed) {
          assertThat(common.getClearRouteCache()).as("a shadow header does not change the route").isFalse();
          assertThat(common.getHeaderMutation().getSetHeaders(0).getHeader().getKey())
              .isEqualTo(RequestRouter.SHADOW_HEADER);
          assertThat(common.hasBodyMutation()).isFalse();
          return null;
        }

        @Override
        public Void failedOpen(RouteResult.FailedOpen failedOpen) {
          assertThat(common.getClearRouteCache()).isTrue();
          assertThat(common.hasBodyMutation()).as("body untouched").isFalse();
          return null;
        }

        @Override
        public Void rejected(RouteResult.Rejected rejected) {
          assertThat(answer.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(503);
          assertThat(answer.getImmediateResponse().getDetails()).isEqualTo("gearbox_no_ready_tier");
          return null;
        }

        @Override
        public Void passedThrough(RouteResult.PassedThrough passedThrough) {
          assertThat(common).isEqualTo(CommonResponse.getDefaultInstance());
          return null;
        }
      });
    }
  }

  @Test
  void headersThatDecideTheRequestSkipTheBodyUnlessRejected() {
    for (RouteResult result : everyOutcome()) {
      ProcessingResponse answer = EnvoyMessages.onRequestHeaders(result, List.of(RequestRouter.CLUSTER_HEADER));
      if (result instanceof RouteResult.Rejected) {
        assertThat(answer.hasImmediateResponse()).isTrue();
      } else {
        assertThat(answer.getModeOverride().getRequestBodyMode().name()).as(result.outcome()).isEqualTo("NONE");
        assertThat(answer.getModeOverride().getResponseHeaderMode().name()).as("answer of " + result.outcome())
            .isEqualTo(result instanceof RouteResult.PassedThrough ? "SKIP" : "DEFAULT");
        assertThat(answer.getRequestHeaders().getResponse().getHeaderMutation().getRemoveHeadersList())
            .as("a forged header is removed").containsExactly(RequestRouter.CLUSTER_HEADER);
      }
    }
    assertThat(EnvoyMessages.sendBody(List.of()).hasModeOverride()).as("the body is needed").isFalse();
  }
}
