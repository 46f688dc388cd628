package dev.gearbox.router.load;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests from issue 18's list, for a soak: each must get its failure-mode answer (or be routed, for the valid but
 * unusual ones) and leave nothing behind. Under a FailOpen policy the load driver counts them by their
 * {@code x-gearbox-decision}, {@code failopen:<reason>}.
 */
public final class HostileExchanges {
  private HostileExchanges() {
  }

  /**
   * @param headers      a normal request's headers
   * @param maxBodyBytes the router's --max-body-bytes: one body is declared larger
   */
  public static List<EnvoyExchange> of(Map<String, String> headers, int maxBodyBytes) {
    return List.of(
        EnvoyExchange.of(headers, utf8("{\"model\": \"auto\", \"messages\": [")),
        EnvoyExchange.of(headers, utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"no model\"}]}")),
        EnvoyExchange.of(headers, chat("auto", "utf-16").getBytes(StandardCharsets.UTF_16LE)),
        EnvoyExchange.of(headers, utf8("{\"model\":\"auto\",\"model\":\"gpt-4o\",\"messages\":[]}")),
        EnvoyExchange.of(with(headers, "content-encoding", "gzip"), utf8(chat("auto", "compressed"))),
        EnvoyExchange.of(with(headers, "content-type", "text/plain; note=json"), utf8(chat("auto", "plain"))),
        EnvoyExchange.of(with(headers, "x-session-id", "s".repeat(60 * 1024)), utf8(chat("auto", "long id"))),
        EnvoyExchange.of(with(headers, "x-pad", "p".repeat(70 * 1024)), utf8(chat("auto", "big headers"))),
        EnvoyExchange.of(headers, utf8(chat("auto", "x".repeat(maxBodyBytes)))),
        EnvoyExchange.withoutBody(headers),
        // valid, if unusual: decided and routed
        EnvoyExchange.of(headers, utf8(chat("auto", "trailers follow")), false),
        EnvoyExchange.of(headers, utf8(chat("auto", "a,".repeat(60) + "!"))),
        EnvoyExchange.of(headers, utf8(chat("auto", "```" + "x\\n".repeat(2_500)))),
        EnvoyExchange.of(headers, utf8("{\"model\":\"auto\",\"tools\":" + "[".repeat(500) + "]".repeat(500)
            + ",\"max_tokens\":" + (1L << 40) + ",\"messages\":[{\"role\":\"user\",\"content\":\"deep\"}]}")),
        EnvoyExchange.of(with(headers, ":path", "//v1/chat/completions/"), utf8(chat("auto", "odd path"))));
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> changed = new HashMap<>(headers);
    changed.put(name, value);
    return changed;
  }

  private static String chat(String model, String prompt) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
