package dev.gearbox.router.replay;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.gearbox.router.request.Message;
import dev.gearbox.router.routing.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A bare prompt as the router sees it: an OpenAI chat request with one user message. */
public final class PromptRequests {
  private PromptRequests() {
  }

  /** Envoy's request headers for POST /v1/chat/completions with a JSON body. */
  public static Map<String, String> headers() {
    return Map.of(":method", "POST", ":path", "/v1/chat/completions", ":authority", "localhost",
        "content-type", "application/json");
  }

  public static byte[] body(String model, String prompt) {
    return ("{\"model\":\"" + quote(model) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + quote(prompt)
        + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  /** The signals' view of the prompt, for scoring without a policy decision. */
  public static RequestContext context(String prompt) {
    return new RequestContext(Map.of(), null, List.of(new Message("user", prompt)), null);
  }

  private static String quote(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
