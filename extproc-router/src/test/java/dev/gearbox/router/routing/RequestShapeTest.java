package dev.gearbox.router.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 #7 and #8: what the headers must say, and the path as a tier resolves it. */
class RequestShapeTest {

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
      "application/vnd.api+json"})
  void jsonMediaTypesAreJson(String contentType) {
    assertThat(RequestShape.json(contentType)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain; note=json", "application/jsonp", "application/x-ndjson", "json",
      "text/json-seq", "", "application/json;;;"})
  void typesThatOnlyMentionJsonAreNot(String contentType) {
    assertThat(RequestShape.json(contentType)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"'', true", "identity, true", "gzip, false", "br, false", "'gzip, identity', false"})
  void onlyAnUncompressedBodyCanBeRead(String encoding, boolean readable) {
    assertThat(RequestShape.identityEncoding(encoding)).isEqualTo(readable);
  }

  @ParameterizedTest
  @CsvSource({
      "/v1/chat/completions, /v1/chat/completions",
      "//v1/chat/completions, /v1/chat/completions",
      "/v1/chat/completions/, /v1/chat/completions",
      "/v1//chat///completions?x=1, /v1/chat/completions",
      "/v1/./chat/../chat/completions#frag, /v1/chat/completions",
      "/v1/chat/%63ompletions, /v1/chat/completions",
      "/v1/chat%2Fcompletions, /v1/chat%2Fcompletions",
      "/../v1/models, /v1/models",
      "'', /"})
  void pathsAreNormalisedAsTiersResolveThem(String raw, String normalised) {
    assertThat(RequestShape.normalisedPath(raw)).isEqualTo(normalised);
  }
}
