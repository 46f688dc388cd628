package dev.gearbox.router.load;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;

import java.util.Map;

/** The two messages Envoy sends for one buffered request: headers, then the whole body. */
public record EnvoyExchange(ProcessingRequest headers, ProcessingRequest body) {

  public static EnvoyExchange of(Map<String, String> headers, byte[] body) {
    HeaderMap.Builder map = HeaderMap.newBuilder();
    headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(ByteString.copyFromUtf8(v))));
    map.addHeaders(HeaderValue.newBuilder().setKey("content-length")
        .setRawValue(ByteString.copyFromUtf8(Integer.toString(body.length))));
    return new EnvoyExchange(
        ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder().setHeaders(map)).build(),
        ProcessingRequest.newBuilder()
            .setRequestBody(HttpBody.newBuilder().setBody(ByteString.copyFrom(body)).setEndOfStream(true)).build());
  }
}
