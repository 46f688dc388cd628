package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The xDS streams' hook for logs and metrics: streams open, NACKs counted by resource type and logged with the
 * version Envoy rejected (which {@link NackHold} then keeps from being resent). A NACK of a secret is logged
 * without Envoy's message, which could quote the rejected value.
 */
final class XdsCallbacks implements DiscoveryServerCallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(XdsCallbacks.class);
  private static final int MAX_DETAIL = 400;

  private final NackHold hold;
  private final MeterRegistry registry;
  private final AtomicInteger open = new AtomicInteger();
  /** Per stream and type: the nonce and version of the last response, which is what an ACK or NACK answers. */
  private final Map<Long, Map<String, Sent>> sent = new ConcurrentHashMap<>();

  private record Sent(String nonce, String version) {
  }

  XdsCallbacks(NackHold hold, MeterRegistry registry) {
    this.hold = hold;
    this.registry = registry;
    registry.gauge("gearbox.xds.streams.open", open);
  }

  @Override
  public void onStreamOpen(long streamId, String typeUrl) {
    open.incrementAndGet();
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    closed(streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    closed(streamId);
  }

  private void closed(long streamId) {
    open.decrementAndGet();
    sent.remove(streamId);
  }

  @Override
  public void onV3StreamResponse(long streamId, DiscoveryRequest request, DiscoveryResponse response) {
    sent.computeIfAbsent(streamId, id -> new ConcurrentHashMap<>())
        .put(response.getTypeUrl(), new Sent(response.getNonce(), response.getVersionInfo()));
  }

  @Override
  public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
    if (!request.hasErrorDetail()) {
      return;
    }
    Sent last = sent.getOrDefault(streamId, Map.of()).get(request.getTypeUrl());
    String rejected = last != null && last.nonce().equals(request.getResponseNonce()) ? last.version() : null;
    nack(request.getTypeUrl(), request.getNode().getId(), rejected, request.getVersionInfo(),
        request.getErrorDetail().getMessage());
    if (rejected != null) {
      hold.reject(request, rejected);
    }
  }

  @Override
  public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
    if (request.hasErrorDetail()) {
      nack(request.getTypeUrl(), request.getNode().getId(), "of nonce " + request.getResponseNonce(), null,
          request.getErrorDetail().getMessage());
    }
  }

  private void nack(String typeUrl, String node, String rejected, String kept, String detail) {
    String type = XdsTypes.shortName(typeUrl);
    Counter.builder("gearbox.xds.nacks").tag("type", type)
        .description("xDS responses Envoy rejected (NACK); it keeps the last version it accepted")
        .register(registry).increment();
    LOG.warn(nackLine(type, node, rejected, kept, detail));
  }

  /** The log line of a NACK: Envoy's message bounded, and withheld for secrets (it may quote the value). */
  static String nackLine(String type, String node, String rejected, String kept, String detail) {
    String why = type.equals("sds") ? "(message withheld: secrets)"
        : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    return "Envoy " + (node.isEmpty() ? "(no node id)" : node) + " rejected " + type + " version "
        + (rejected == null ? "(unknown)" : rejected) + (kept == null ? "" : "; it keeps version " + kept) + ": "
        + why;
  }
}
