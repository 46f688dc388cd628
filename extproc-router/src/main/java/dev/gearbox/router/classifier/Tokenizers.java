package dev.gearbox.router.classifier;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the bundled model's WordPiece tokenizer the way every caller here needs it: offline, untruncated, unpadded. */
final class Tokenizers {
  private Tokenizers() {
  }

  static HuggingFaceTokenizer open(Path tokenizerFile, boolean specialTokens) throws IOException {
    // DJL would otherwise be allowed to fetch missing native libraries; everything it needs is in its jar.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    return HuggingFaceTokenizer.builder()
        .optTokenizerPath(tokenizerFile)
        .optAddSpecialTokens(specialTokens)
        .optTruncation(false) // callers cut head and tail themselves instead of the tokenizer's right truncation
        .optPadding(false)
        .build();
  }
}
