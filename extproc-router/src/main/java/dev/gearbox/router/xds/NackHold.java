package dev.gearbox.router.xds;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.Watch;
import io.envoyproxy.controlplane.cache.XdsRequest;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps a NACKed version from being sent again. A state-of-the-world NACK carries the last version Envoy accepted,
 * which the cache reads as "behind" and answers at once with the very resources Envoy just rejected, in a loop.
 * Here a NACK's watch waits as if the rejected version were current, so Envoy keeps its last accepted config and
 * gets the next snapshot when there is one. (Delta streams track versions per resource and need no help.)
 *
 * <p>{@link XdsCallbacks} sees the NACK first, on the same thread, and names the rejected version with
 * {@link #reject}; the request object itself is the key, as java-control-plane hands the same one on.
 */
final class NackHold implements ConfigWatcher {
  private final ConfigWatcher delegate;
  private final Map<DiscoveryRequest, String> rejected = Collections.synchronizedMap(new IdentityHashMap<>());

  NackHold(ConfigWatcher delegate) {
    this.delegate = delegate;
  }

  void reject(DiscoveryRequest nack, String rejectedVersion) {
    rejected.put(nack, rejectedVersion);
  }

  @Override
  public Watch createWatch(boolean ads, XdsRequest request, Set<String> knownResourceNames,
      Consumer<Response> responseConsumer, boolean hasClusterChanged, boolean allowDefaultEmptyEdsUpdate) {
    String version = rejected.remove(request.v3Request());
    if (version == null) {
      return delegate.createWatch(ads, request, knownResourceNames, responseConsumer, hasClusterChanged,
          allowDefaultEmptyEdsUpdate);
    }
    XdsRequest held = XdsRequest.create(request.v3Request().toBuilder().setVersionInfo(version).build());
    // The rejected resources count as known too, or a named subscription (RDS, EDS) would be answered at once.
    return delegate.createWatch(ads, held, Set.copyOf(request.getResourceNamesList()), responseConsumer,
        false, allowDefaultEmptyEdsUpdate);
  }

  @Override
  public DeltaWatch createDeltaWatch(DeltaXdsRequest request, String requesterVersion,
      Map<String, String> resourceVersions, Set<String> pendingResources, boolean isWildcard,
      Consumer<DeltaResponse> responseConsumer, boolean hasClusterChanged) {
    return delegate.createDeltaWatch(request, requesterVersion, resourceVersions, pendingResources, isWildcard,
        responseConsumer, hasClusterChanged);
  }
}
