package dev.gearbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.api.io.CrdSchemas;
import dev.gearbox.api.v1alpha1.EmbeddingModel;
import dev.gearbox.api.v1alpha1.Gpu;
import dev.gearbox.api.v1alpha1.ModelCache;
import dev.gearbox.api.v1alpha1.ModelServer;
import dev.gearbox.api.v1alpha1.Replicas;
import dev.gearbox.api.v1alpha1.Rule;
import dev.gearbox.api.v1alpha1.RoutingPolicySpec;
import dev.gearbox.api.v1alpha1.Semantic;
import dev.gearbox.api.v1alpha1.Stickiness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the defaults the API server fills in (the CRD's) are the ones the code falls back on when a resource did
 * not pass through an API server (files, tests): one constant each, read by both.
 */
class DefaultsTest {
  private static JsonNode spec(String kind) {
    return CrdSchemas.openApiSchema(kind).at("/properties/spec/properties");
  }

  @Test
  void theCrdDefaultsAreTheConstantsTheEffectiveValuesUse() throws Exception {
    JsonNode server = spec("ModelTier").at("/server/properties");
    assertThat(server.at("/port/default").asInt()).isEqualTo(ModelServer.DEFAULT_PORT)
        .isEqualTo(new ObjectMapper().readValue("{}", ModelServer.class).effectivePort());
    assertThat(server.at("/startupTimeoutSeconds/default").asInt()).isEqualTo(ModelServer.DEFAULT_STARTUP_TIMEOUT_SECONDS);
    assertThat(server.at("/gpu/properties/count/default").asInt()).isEqualTo(Gpu.DEFAULT_COUNT);
    assertThat(server.at("/modelCache/properties/mountPath/default").asText()).isEqualTo(ModelCache.DEFAULT_MOUNT_PATH);
    JsonNode replicas = spec("ModelTier").at("/replicas/properties");
    assertThat(replicas.at("/min/default").asInt()).isEqualTo(Replicas.DEFAULT_MIN);
    assertThat(replicas.at("/targetCPUUtilizationPercentage/default").asInt()).isEqualTo(Replicas.DEFAULT_TARGET_CPU);

    JsonNode policy = spec("RoutingPolicy");
    assertThat(policy.at("/fallback/default").asText()).isEqualTo(RoutingPolicySpec.DEFAULT_FALLBACK);
    assertThat(policy.at("/failureMode/default").asText()).isEqualTo(RoutingPolicySpec.DEFAULT_FAILURE_MODE);
    assertThat(policy.at("/mode/default").asText()).isEqualTo(RoutingPolicySpec.DEFAULT_MODE);
    assertThat(policy.at("/priority/default").asInt()).isEqualTo(RoutingPolicySpec.DEFAULT_PRIORITY);
    assertThat(policy.at("/embedding/properties/maxTokens/default").asInt()).isEqualTo(EmbeddingModel.DEFAULT_MAX_TOKENS);
    JsonNode rule = policy.at("/rules/items/properties");
    assertThat(rule.at("/scope/default").asText()).isEqualTo(Rule.DEFAULT_SCOPE);
    assertThat(rule.at("/semantic/properties/threshold/default").asDouble()).isEqualTo(Semantic.DEFAULT_THRESHOLD);
    JsonNode stickiness = policy.at("/stickiness/properties");
    assertThat(stickiness.at("/ttlSeconds/default").asInt()).isEqualTo(Stickiness.DEFAULT_TTL_SECONDS)
        .isEqualTo(Stickiness.DEFAULT.effectiveTtlSeconds());
    assertThat(stickiness.at("/maxSessions/default").asInt()).isEqualTo(Stickiness.DEFAULT_MAX_SESSIONS);
    assertThat(stickiness.at("/historyTurns/default").asInt()).isEqualTo(Stickiness.DEFAULT_HISTORY_TURNS);
  }
}
