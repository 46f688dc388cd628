package dev.gearbox.router.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ADS stream as Envoy holds it: state of the world or delta, a request per subscription, ACK (the version and
 * nonce it applied) or NACK (the nonce, the last version it kept, an error). Responses queue per type URL.
 */
final class AdsClient implements AutoCloseable {
  static final Node NODE = Node.newBuilder().setId("envoy-1").setCluster("gearbox-envoy").build();

  private final Map<String, BlockingQueue<Message>> responses = new ConcurrentHashMap<>();
  private final StreamObserver<DiscoveryRequest> sotw;
  private final StreamObserver<DeltaDiscoveryRequest> delta;

  private AdsClient(Channel channel, boolean incremental) {
    var stub = AggregatedDiscoveryServiceGrpc.newStub(channel);
    if (incremental) {
      sotw = null;
      delta = stub.deltaAggregatedResources(observer(DeltaDiscoveryResponse::getTypeUrl));
    } else {
      sotw = stub.streamAggregatedResources(observer(DiscoveryResponse::getTypeUrl));
      delta = null;
    }
  }

  static AdsClient stateOfTheWorld(Channel channel) {
    return new AdsClient(channel, false);
  }

  static AdsClient delta(Channel channel) {
    return new AdsClient(channel, true);
  }

  private <T extends Message> StreamObserver<T> observer(java.util.function.Function<T, String> typeUrl) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        queue(typeUrl.apply(value)).add(value);
      }

      @Override
      public void onError(Throwable t) {
      }

      @Override
      public void onCompleted() {
      }
    };
  }

  private BlockingQueue<Message> queue(String typeUrl) {
    return responses.computeIfAbsent(typeUrl, t -> new LinkedBlockingQueue<>());
  }

  /** A first request, or one that changes the names, from the version this Envoy has ("" for none). */
  void subscribe(String typeUrl, String version, List<String> names) {
    sotw.onNext(DiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(typeUrl).setVersionInfo(version)
        .addAllResourceNames(names).build());
  }

  void ack(DiscoveryResponse response, List<String> names) {
    sotw.onNext(DiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(response.getTypeUrl())
        .setVersionInfo(response.getVersionInfo()).setResponseNonce(response.getNonce())
        .addAllResourceNames(names).build());
  }

  void nack(DiscoveryResponse response, String keptVersion, List<String> names, String error) {
    sotw.onNext(DiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(response.getTypeUrl())
        .setVersionInfo(keptVersion).setResponseNonce(response.getNonce()).addAllResourceNames(names)
        .setErrorDetail(Status.newBuilder().setCode(3).setMessage(error)).build());
  }

  void subscribeDelta(String typeUrl, List<String> names) {
    delta.onNext(DeltaDiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(typeUrl)
        .addAllResourceNamesSubscribe(names).build());
  }

  void ackDelta(DeltaDiscoveryResponse response) {
    delta.onNext(DeltaDiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(response.getTypeUrl())
        .setResponseNonce(response.getNonce()).build());
  }

  void nackDelta(DeltaDiscoveryResponse response, String error) {
    delta.onNext(DeltaDiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(response.getTypeUrl())
        .setResponseNonce(response.getNonce()).setErrorDetail(Status.newBuilder().setCode(3).setMessage(error))
        .build());
  }

  DiscoveryResponse next(String typeUrl) throws InterruptedException {
    return (DiscoveryResponse) poll(typeUrl);
  }

  DeltaDiscoveryResponse nextDelta(String typeUrl) throws InterruptedException {
    return (DeltaDiscoveryResponse) poll(typeUrl);
  }

  private Message poll(String typeUrl) throws InterruptedException {
    Message response = queue(typeUrl).poll(10, TimeUnit.SECONDS);
    if (response == null) {
      throw new AssertionError("no " + typeUrl + " response");
    }
    return response;
  }

  static <T extends Message> List<T> unpack(DiscoveryResponse response, Class<T> type) {
    return response.getResourcesList().stream().map(any -> unpack(any, type)).toList();
  }

  static <T extends Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(any.getTypeUrl() + " is not a " + type.getSimpleName(), e);
    }
  }

  @Override
  public void close() {
    if (sotw != null) {
      sotw.onCompleted();
    } else {
      delta.onCompleted();
    }
  }
}
