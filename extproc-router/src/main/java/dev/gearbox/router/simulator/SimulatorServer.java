package dev.gearbox.router.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OpenAI-compatible model server for trying Gearbox without GPUs: POST /v1/chat/completions (streaming or not),
 * GET /v1/models, /health and vLLM-style /metrics. One Vert.x event loop holds all state, so there are no locks:
 * at most maxConcurrency requests are answered at once and the rest queue.
 */
public final class SimulatorServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatorSettings settings;
  private final SimulatedModel model;
  private final Random dice;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private final SimulatorMetrics metrics;
  private final Vertx vertx;
  private final HttpServer http;
  private int running;
  private long requests;

  public SimulatorServer(SimulatorSettings settings) throws IOException, InterruptedException {
    this.settings = settings;
    this.model = new SimulatedModel(settings.model(), settings.fixedReply());
    this.dice = new Random(settings.seed());
    this.metrics = new SimulatorMetrics(settings.model(), () -> running, waiting::size);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    http = vertx.createHttpServer(new HttpServerOptions().setHost(settings.bind()).setPort(settings.port()));
    http.requestHandler(this::route);
    try {
      http.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IOException("port " + settings.port() + " on " + settings.bind() + " did not open: "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  public int port() {
    return http.actualPort();
  }

  private void route(HttpServerRequest request) {
    switch (request.method().name() + " " + request.path()) {
      case "POST /v1/chat/completions" -> request.body().onSuccess(body -> admit(request, body));
      case "GET /v1/models" -> {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject().put("id", model.model()).put("object", "model")
            .put("owned_by", "gearbox-simulator");
        json(request.response(), 200, list);
      }
      case "GET /metrics" -> request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(metrics.scrape());
      case "GET /health" -> request.response().end();
      default -> json(request.response(), 404, SimulatedModel.error("no route " + request.path(), "not_found", 404));
    }
  }

  private void admit(HttpServerRequest request, Buffer body) {
    JsonNode parsed;
    SimulatedModel.Reply reply;
    try {
      parsed = JSON.readTree(body.getBytes());
      reply = model.answer(parsed);
    } catch (SimulatedModel.ModelNotServed e) {
      json(request.response(), 404, SimulatedModel.error(e.getMessage(), "NotFoundError", 404));
      return;
    } catch (IOException | IllegalArgumentException e) {
      json(request.response(), 400, SimulatedModel.error(e.getMessage(), "BadRequestError", 400));
      return;
    }
    long start = System.nanoTime();
    Runnable work = () -> serve(request.response(), parsed, reply, start);
    if (running < settings.maxConcurrency()) {
      running++;
      work.run();
    } else {
      waiting.add(work);
    }
  }

  private void serve(HttpServerResponse response, JsonNode request, SimulatedModel.Reply reply, long start) {
    String id = "chatcmpl-sim-" + ++requests;
    long created = System.currentTimeMillis() / 1000;
    after(settings.latency().toMillis(), () -> {
      if (dice.nextDouble() < settings.failureRate()) {
        metrics.failed();
        json(response, 500, SimulatedModel.error("simulated failure (--failure-rate)", "InternalServerError", 500));
        done();
      } else if (request.path("stream").asBoolean(false)) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
        stream(response, id, created, reply, reply.pieces().iterator(), usage, start);
      } else {
        after(settings.interTokenDelay().toMillis() * reply.completionTokens(), () -> {
          json(response, 200, model.completion(id, created, reply));
          metrics.answered(reply, start);
          done();
        });
      }
    });
  }

  private void stream(HttpServerResponse response, String id, long created, SimulatedModel.Reply reply,
      Iterator<String> pieces, boolean usage, long start) {
    if (response.closed()) {
      done(); // the client went away
    } else if (pieces.hasNext()) {
      event(response, model.chunk(id, created, pieces.next(), false).toString());
      after(settings.interTokenDelay().toMillis(), () -> stream(response, id, created, reply, pieces, usage, start));
    } else {
      event(response, model.chunk(id, created, null, true).toString());
      if (usage) {
        event(response, model.usageChunk(id, created, reply).toString());
      }
      event(response, "[DONE]");
      response.end();
      metrics.answered(reply, start);
      done();
    }
  }

  /** A request finished: its slot goes to the next waiting one. */
  private void done() {
    Runnable next = waiting.poll();
    if (next != null) {
      next.run();
    } else {
      running--;
    }
  }

  private void after(long millis, Runnable action) {
    if (millis <= 0) {
      action.run();
    } else {
      vertx.setTimer(millis, timer -> action.run());
    }
  }

  private static void event(HttpServerResponse response, String data) {
    response.write("data: " + data + "\n\n");
  }

  private static void json(HttpServerResponse response, int status, JsonNode body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
