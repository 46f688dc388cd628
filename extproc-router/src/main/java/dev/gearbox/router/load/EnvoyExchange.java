package dev.gearbox.router.load;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;

import java.util.Map;

/**
 * The messages Envoy sends for one buffered request: headers, then the whole body ({@code body} null for a request
 * without one, whose headers carry end_of_stream).
 */
public record EnvoyExchange(ProcessingRequest headers, ProcessingRequest body) {

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

  private static HeaderMap.Builder headerMap(Map<String, String> headers) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
    return map;
  }
}
