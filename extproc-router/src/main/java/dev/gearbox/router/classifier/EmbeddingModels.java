package dev.gearbox.router.classifier;

import dev.gearbox.api.v1alpha1.EmbeddingModel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The embedding sessions of the process: opened on first use (a policy without semantic or complexity signals
 * never loads ONNX Runtime), then shared by every policy that names the same model files.
 */
public final class EmbeddingModels implements AutoCloseable {
  private final ClassifierSettings settings;
  private final ConcurrentMap<ModelSource, OnnxEmbedder> open = new ConcurrentHashMap<>();
  // One Embedder per (model, window), so it can key the per-request embedding memo shared by all signals.
  private final ConcurrentMap<Window, Embedder> windows = new ConcurrentHashMap<>();

  private record Window(ModelSource source, int maxTokens) {
  }

  public EmbeddingModels(ClassifierSettings settings) {
    this.settings = settings;
  }

  /** The embedder a policy's {@code spec.embedding} asks for (null: the bundled model, 128 tokens). */
  public Embedder forPolicy(EmbeddingModel spec) {
    ModelSource source = spec == null || spec.modelPath() == null
        ? ModelSource.bundled() : new ModelSource(spec.modelPath(), spec.tokenizerPath());
    int maxTokens = spec == null ? EmbeddingModel.DEFAULT_MAX_TOKENS : spec.effectiveMaxTokens();
    return windows.computeIfAbsent(new Window(source, maxTokens),
        w -> open.computeIfAbsent(w.source(), s -> OnnxEmbedder.open(s, settings)).windowed(w.maxTokens()));
  }

  /** How many sessions are open; for tests and the admin page. */
  public int openSessions() {
    return open.size();
  }

  @Override
  public void close() throws Exception {
    for (OnnxEmbedder embedder : open.values()) {
      embedder.close();
    }
    open.clear();
    windows.clear();
  }
}
