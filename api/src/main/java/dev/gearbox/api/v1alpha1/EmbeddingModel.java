package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.modelPath) == has(self.tokenizerPath)",
    message = "embedding.modelPath and embedding.tokenizerPath go together")
public record EmbeddingModel(
    @JsonPropertyDescription("Path, inside the router's container, of a sentence-embedding ONNX model to use instead of "
        + "the bundled all-MiniLM-L6-v2.")
    String modelPath,

    @JsonPropertyDescription("Path of the Hugging Face tokenizer.json that goes with modelPath.")
    String tokenizerPath,

    @Default("" + EmbeddingModel.DEFAULT_MAX_TOKENS)
    @Min(8)
    @Max(512)
    @JsonPropertyDescription("Tokens of the prompt that are embedded (head and tail of the text); bounds the cost per request.")
    Integer maxTokens) {

  public static final int DEFAULT_MAX_TOKENS = 128;

  public int effectiveMaxTokens() {
    return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
  }
}
