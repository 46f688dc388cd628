package dev.gearbox.operator.status;

import dev.gearbox.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretCheckTest {
  private static final SecretKeyReference REF = new SecretKeyReference("openai", "api-key");

  @Test
  void classifiesTheFetchedSecret() {
    assertThat(SecretCheck.of(null, null)).isEqualTo(SecretCheck.NOT_REFERENCED);
    assertThat(SecretCheck.of(REF, null)).isEqualTo(SecretCheck.SECRET_MISSING);
    assertThat(SecretCheck.of(REF, new SecretBuilder().withData(Map.of("other", "eA==")).build()))
        .isEqualTo(SecretCheck.KEY_MISSING);
    assertThat(SecretCheck.of(REF, new SecretBuilder().withData(Map.of("api-key", "eA==")).build()))
        .isEqualTo(SecretCheck.FOUND);
    assertThat(SecretCheck.KEY_MISSING.usable()).isFalse();
    assertThat(SecretCheck.NOT_REFERENCED.usable()).isTrue();
  }
}
