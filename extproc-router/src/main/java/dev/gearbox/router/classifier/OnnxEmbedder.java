package dev.gearbox.router.classifier;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A BERT-style sentence embedder (all-MiniLM-L6-v2 by default) on ONNX Runtime: tokenize, cut to a head-and-tail
 * window, run, mean-pool, normalise. One instance holds one session and is shared by every policy that names the
 * same model; ONNX Runtime sessions are safe for concurrent runs.
 */
public final class OnnxEmbedder implements AutoCloseable {
  private static final long INIT_STACK_BYTES = 16L << 20;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTypeIds;

  private OnnxEmbedder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
    this.environment = environment;
    this.session = session;
    this.tokenizer = tokenizer;
    this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
  }

  /**
   * Opens the model on a thread with a large stack: ONNX Runtime's native initialisation overflows the default 1 MB
   * Java thread stack on some hosts (a segfault, not an exception), depending on process layout.
   */
  public static OnnxEmbedder open(ModelSource source, ClassifierSettings settings) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread opener = new Thread(null, () -> {
      try {
        outcome.set(openHere(source, settings));
      } catch (RuntimeException e) {
        outcome.set(e);
      }
    }, "gearbox-onnx-open", INIT_STACK_BYTES);
    opener.start();
    try {
      opener.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening " + source.description(), e);
    }
    if (outcome.get() instanceof RuntimeException e) {
      throw e;
    }
    return (OnnxEmbedder) outcome.get();
  }

  private static OnnxEmbedder openHere(ModelSource source, ClassifierSettings settings) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(settings.intraOpThreads());
      options.setInterOpNumThreads(settings.interOpThreads());
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = environment.createSession(source.modelBytes(), options);
      HuggingFaceTokenizer tokenizer = Tokenizers.open(source.tokenizerFile(), true);
      return new OnnxEmbedder(environment, session, tokenizer);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + source.description() + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the tokenizer of " + source.description(), e);
    }
  }

  /** The unit-length embedding of {@code text}, from at most {@code maxTokens} of its tokens. */
  public float[] embed(String text, int maxTokens) {
    Encoding encoding = tokenizer.encode(text.isBlank() ? " " : TokenWindow.chars(text, maxTokens));
    long[] ids = TokenWindow.cut(encoding.getIds(), maxTokens);
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1L);
    return Vectors.meanPool(run(new long[][] {ids}, new long[][] {mask})[0], mask);
  }

  /**
   * The sentence embedding of each vocabulary token on its own ({@code [CLS] token [SEP]}), in batches: the
   * raw material of the static table ({@code gearbox-router distill}).
   */
  public float[][] embedTokens(long[] tokenIds, long clsId, long sepId, int batch) {
    float[][] out = new float[tokenIds.length][];
    for (int from = 0; from < tokenIds.length; from += batch) {
      int n = Math.min(batch, tokenIds.length - from);
      long[][] ids = new long[n][];
      long[][] mask = new long[n][];
      for (int i = 0; i < n; i++) {
        ids[i] = new long[] {clsId, tokenIds[from + i], sepId};
        mask[i] = new long[] {1, 1, 1};
      }
      float[][][] hidden = run(ids, mask);
      for (int i = 0; i < n; i++) {
        out[from + i] = Vectors.meanPool(hidden[i], mask[i]);
      }
    }
    return out;
  }

  /** last_hidden_state for a batch of equally long sequences. */
  private float[][][] run(long[][] ids, long[][] mask) {
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids);
         OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
         OnnxTensor typeTensor = OnnxTensor.createTensor(environment, new long[ids.length][ids[0].length])) {
      Map<String, OnnxTensor> inputs = wantsTypeIds
          ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
          : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
      try (OrtSession.Result result = session.run(inputs)) {
        return (float[][][]) result.get(0).getValue();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
    }
  }

  /** An {@link Embedder} over this session with a fixed window. */
  public Embedder windowed(int maxTokens) {
    return text -> embed(text, maxTokens);
  }

  @Override
  public void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
