package dev.gearbox.router.load;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The messages Envoy sends for one buffered request: headers, then the whole body ({@code body} null for a request
 * without one, whose headers carry end_of_stream); then, with {@code answerHeaders}, the tier's answer: its headers
 * and, when the router asks for it, its whole body ({@code answerBody}).
 */
public record EnvoyExchange(ProcessingRequest headers, ProcessingRequest body, ProcessingRequest answerHeaders,
    ProcessingRequest answerBody) {

  public EnvoyExchange(ProcessingRequest headers, ProcessingRequest body) {
    this(headers, body, null, null);
  }

  public static EnvoyExchange of(Map<String, String> headers, byte[] body) {
    return of(headers, body, true);
  }

  /** @param endOfStream false as Envoy sends a buffered body that trailers follow */
  public static EnvoyExchange of(Map<String, String> headers, byte[] body, boolean endOfStream) {
    HeaderMap.Builder map = headerMap(headers);
    map.addHeaders(HeaderValue.newBuilder().setKey("content-length")
        .setRawValue(ByteString.copyFromUtf8(Integer.toString(body.length))));
    return new EnvoyExchange(
        ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder().setHeaders(map)).build(),
        ProcessingRequest.newBuilder()
            .setRequestBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(body)).setEndOfStream(endOfStream))
            .build());
  }

  /** A request with no body: its headers end the stream. */
  public static EnvoyExchange withoutBody(Map<String, String> headers) {
    return new EnvoyExchange(ProcessingRequest.newBuilder()
        .setRequestHeaders(HttpHeaders.newBuilder().setHeaders(headerMap(headers)).setEndOfStream(true)).build(), null);
  }

  /** This request answered by a JSON chat completion of {@code chars} characters with its usage, as vLLM answers. */
  public EnvoyExchange answeredWith(int chars) {
    String text = "Here is the summary of the notes you sent. ".repeat(chars / 43 + 1).substring(0, chars);
    byte[] answer = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":" + (chars + 3) / 4 + "}}")
        .getBytes(StandardCharsets.UTF_8);
    HeaderMap.Builder map = headerMap(Map.of(":status", "200", "content-type", "application/json",
        "content-length", Integer.toString(answer.length)));
    return new EnvoyExchange(headers, body,
        ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder().setHeaders(map)).build(),
        ProcessingRequest.newBuilder()
            .setResponseBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(answer)).setEndOfStream(true))
            .build());
  }

  private static HeaderMap.Builder headerMap(Map<String, String> headers) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
    return map;
  }
}
