package dev.gearbox.router.server;

import com.google.protobuf.ByteString;
import dev.gearbox.router.request.TokenUsage;
import dev.gearbox.router.routing.CompiledPolicy;
import dev.gearbox.router.routing.PolicySnapshot;
import dev.gearbox.router.routing.RequestRouter;
import dev.gearbox.router.routing.RouteResult;
import dev.gearbox.router.routing.RouterEvents;
import dev.gearbox.router.routing.RouterSettings;
import dev.gearbox.router.routing.TierTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.gearbox.router.Fixtures.TIERS;
import static dev.gearbox.router.Fixtures.chat;
import static dev.gearbox.router.Fixtures.chatHeaders;
import static dev.gearbox.router.Fixtures.policy;
import static dev.gearbox.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

class ResponseMeterTest {
  private final List<String> seen = new ArrayList<>();
  private final RouterEvents events = new RouterEvents() {
    @Override
    public void used(CompiledPolicy policy, TierTarget tier, TokenUsage usage) {
      seen.add(tier.name() + " " + usage.input() + "/" + usage.output());
    }

    @Override
    public void unmetered(CompiledPolicy policy, TierTarget tier, String reason) {
      seen.add(tier.name() + " " + reason);
    }
  };

  private static RouteResult routed() {
    PolicySnapshot snapshot = snapshot(TIERS + "---\n" + policy("rules:\n  - {name: hard, tier: large, keywords: {any: [prove]}}\n"));
    return new RequestRouter(() -> snapshot, RouterSettings.defaults(), RouterEvents.NONE).onBody(chatHeaders(), chat("auto", "prove it"));
  }

  /** A meter for a request routed to tier large. */
  private ResponseMeter routedMeter(int maxBodyBytes) {
    ResponseMeter meter = new ResponseMeter(events, maxBodyBytes);
    meter.served(routed());
    return meter;
  }

  private static Map<String, String> json(String length) {
    Map<String, String> headers = new HashMap<>(Map.of(":status", "200", "content-type", "application/json"));
    headers.put("content-length", length);
    return headers;
  }

  @Test
  void aWholeJsonAnswerIsAskedForAndItsUsageReported() {
    ResponseMeter meter = routedMeter(4 << 20);

    assertThat(meter.onHeaders(json("80"), false)).isTrue();
    meter.onBody(ByteString.copyFromUtf8("{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}"));
    meter.onBody(ByteString.copyFromUtf8("{}")); // a second body is not counted again
    meter.ended();

    assertThat(seen).containsExactly("large 5/9");
  }

  @Test
  void aBodyWithoutUsageIsCountedAsUnmetered() {
    ResponseMeter meter = routedMeter(4 << 20);
    assertThat(meter.onHeaders(json("80"), false)).isTrue();
    meter.onBody(ByteString.copyFromUtf8("{\"choices\":[]}"));

    assertThat(seen).containsExactly("large no_usage");
  }

  /** Issue 17 review: a routed request whose answer never reached the router went uncounted. */
  @Test
  void aStreamEndedBeforeTheAnswerOrItsBodyIsCountedOnce() {
    ResponseMeter noAnswer = routedMeter(4 << 20);
    noAnswer.ended();
    noAnswer.ended();
    ResponseMeter noBody = routedMeter(4 << 20);
    assertThat(noBody.onHeaders(json("80"), false)).isTrue();
    noBody.ended();

    assertThat(seen).containsExactly("large no_response", "large body_not_sent");
  }

  @Test
  void noBodyOverTheRoutersBodyLimitIsAskedFor() {
    ResponseMeter meter = routedMeter(1000);

    assertThat(meter.onHeaders(json("1001"), false)).as("Envoy's buffer is set to --max-body-bytes").isFalse();
    assertThat(seen).containsExactly("large too_large");
  }

  @Test
  void requestsTheRouterDidNotRouteAreNotMetered() {
    ResponseMeter meter = new ResponseMeter(events, 4 << 20);
    meter.served(new RouteResult.PassedThrough(null, "not_routable"));

    assertThat(meter.onHeaders(json("80"), false)).isFalse();
    meter.ended();
    assertThat(seen).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      500, application/json,                 , 80,     false, error_status
      200, text/event-stream; charset=utf-8, ,   ,     false, streamed
      200, application/json,                 , 0,      true,  no_body
      200, text/html,                        , 80,     false, not_json
      200, application/json,             gzip, 80,     false, compressed
      200, application/json,                 , ,       false, unknown_length
      200, application/json,                 , 262145, false, too_large
      200, application/json,                 , -5,     false, too_large
      200, application/json; charset=utf-8, identity, 262144, false,
      """)
  void whatIsNotAskedForSaysWhy(String status, String type, String encoding, String length, boolean endOfStream,
      String reason) {
    Map<String, String> headers = new HashMap<>(Map.of(":status", status, "content-type", type));
    if (encoding != null) {
      headers.put("content-encoding", encoding);
    }
    if (length != null) {
      headers.put("content-length", length);
    }
    assertThat(ResponseMeter.unmeteredBecause(headers, endOfStream, ResponseMeter.MAX_METERED_BYTES))
        .isEqualTo(reason);
  }
}
