package dev.gearbox.router.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the snapshot tests rely on finds what Envoy would refuse. */
class EnvoyRulesTest {
  @Test
  void findsAMissingNameANegativeDurationAnUndefinedEnumAndAnOverlongSni() {
    Cluster bad = Cluster.newBuilder()
        .setConnectTimeout(Duration.newBuilder().setSeconds(-1))
        .setLbPolicyValue(42)
        .setTransportSocket(TransportSocket.newBuilder().setName("tls").setTypedConfig(Any.pack(
            UpstreamTlsContext.newBuilder().setSni("x".repeat(300)).build())))
        .build();

    assertThat(EnvoyRules.violations(bad)).anySatisfy(v -> assertThat(v).startsWith("Cluster.name:"))
        .anySatisfy(v -> assertThat(v).startsWith("Cluster.connect_timeout:"))
        .anySatisfy(v -> assertThat(v).startsWith("Cluster.lb_policy: undefined enum"))
        .anySatisfy(v -> assertThat(v).contains("sni: at most 255 bytes"));
  }

  @Test
  void aTypedConfigEnvoyIsNotGivenFails() {
    Cluster cluster = Cluster.newBuilder().setName("c").setTransportSocket(TransportSocket.newBuilder()
        .setName("x").setTypedConfig(Any.pack(Cluster.getDefaultInstance()))).build();

    assertThat(EnvoyRules.violations(cluster)).anySatisfy(v -> assertThat(v).contains("not given here"));
  }
}
