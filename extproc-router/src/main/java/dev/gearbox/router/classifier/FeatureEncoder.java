package dev.gearbox.router.classifier;

/**
 * Lays a prompt's features out for the heads: standardized dense lexical features, then the hashed terms
 * (L2-normalised presence), then, for the full head, the standardized embedding. Pure.
 *
 * @param mean  per dense lexical feature then per embedding dimension, from the training set
 * @param scale the matching standard deviations
 */
public record FeatureEncoder(int buckets, float[] mean, float[] scale) {

  public int denseCount() {
    return LexicalFeatures.DENSE_NAMES.size();
  }

  public int lexicalWidth() {
    return denseCount() + buckets;
  }

  public int fullWidth(int embeddingDimension) {
    return lexicalWidth() + embeddingDimension;
  }

  public SparseVector lexical(String text) {
    return lexical(LexicalFeatures.dense(text), LexicalFeatures.hashedTerms(text, buckets));
  }

  public SparseVector lexical(float[] dense, int[] terms) {
    int d = dense.length;
    int[] index = new int[d + terms.length];
    float[] value = new float[index.length];
    for (int i = 0; i < d; i++) {
      index[i] = i;
      value[i] = (dense[i] - mean[i]) / scale[i];
    }
    float weight = terms.length == 0 ? 0 : (float) (1 / Math.sqrt(terms.length));
    for (int j = 0; j < terms.length; j++) {
      index[d + j] = d + terms[j];
      value[d + j] = weight;
    }
    return new SparseVector(index, value);
  }

  public SparseVector full(SparseVector lexical, float[] embedding) {
    int n = lexical.size();
    int offset = lexicalWidth();
    int d = denseCount();
    int[] index = java.util.Arrays.copyOf(lexical.index(), n + embedding.length);
    float[] value = java.util.Arrays.copyOf(lexical.value(), n + embedding.length);
    for (int e = 0; e < embedding.length; e++) {
      index[n + e] = offset + e;
      value[n + e] = (embedding[e] - mean[d + e]) / scale[d + e];
    }
    return new SparseVector(index, value);
  }
}
