package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.Rule.Scope;
import dev.gearbox.router.request.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestContextTest {

  /** The conversation's token estimate, counted without joining it, equals the estimate of the joined text. */
  @ParameterizedTest
  @ValueSource(strings = {"", "hi", "|hi", "hi|", "a||b", "system prompt|what is 2+2?|4|and 3+3?", "||"})
  void conversationTokensAreCountedAsIfJoined(String texts) {
    List<Message> messages = new ArrayList<>();
    for (String text : texts.isEmpty() ? new String[0] : texts.split("\\|", -1)) {
      messages.add(new Message("user", text.repeat(5)));
    }
    RequestContext counted = new RequestContext(Map.of(), "auto", messages, null);
    RequestContext joined = new RequestContext(Map.of(), "auto", messages, null);

    int estimate = counted.estimatedTokens(Scope.Conversation);

    assertThat(estimate).isEqualTo(TokenEstimate.of(joined.conversationText()));
    assertThat(joined.estimatedTokens(Scope.Conversation)).isEqualTo(estimate);
  }

  @Test
  void aModelRunIsRefusedOnceRefusedButAKnownResultIsStillShared() {
    RequestContext request = new RequestContext(Map.of(), "auto", List.of(new Message("user", "hi")), null);
    float[] embedding = request.modelRun("embedding", () -> new float[] {1f});
    request.inline();

    assertThat(request.<float[]>modelRun("embedding", () -> new float[] {2f})).isSameAs(embedding);
    assertThatThrownBy(() -> request.modelRun("other embedding", () -> new float[] {3f}))
        .isInstanceOf(ModelRunRefused.class);
    assertThat(request.memo("lexical score", () -> 0.5)).isEqualTo(0.5); // what needs no model still runs
  }
}
