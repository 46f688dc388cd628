package dev.gearbox.router.load;

import dev.gearbox.router.routing.RequestRouter;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays Envoy-shaped exchanges against a router: one stream per request (as Envoy opens them), headers then body,
 * the round trip timed from the headers being sent to the body's answer; then, for exchanges with one, the tier's
 * answer, timed on its own. Open loop (a fixed rate; each request is
 * also timed from its intended send time, so a stall of the driver is not hidden either) or closed loop (N requests
 * always in flight). Counts the answers by the router's decision header, so fail-open answers (an overloaded
 * router, say) show up as what they are.
 */
public final class LoadDriver {
  private final List<ManagedChannel> channels;
  private final List<EnvoyExchange> exchanges;
  private final Recorder latencies = new Recorder(3);
  private final Recorder fromSchedule = new Recorder(3);
  private final Recorder answerLatencies = new Recorder(3);
  private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong next = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  public LoadDriver(List<ManagedChannel> channels, List<EnvoyExchange> exchanges) {
    this.channels = channels;
    this.exchanges = exchanges;
  }

  /**
   * @param latencyNanos      round trips, from the headers being sent to the body's answer
   * @param fromScheduleNanos from each request's intended send time to its answer: adds the driver's own lateness
   * @param answerNanos       exchanges with an answer: from its headers being sent to the router's last answer
   * @param decisions         answers per x-gearbox-decision value
   * @param firstFailure      what went wrong first, or null
   */
  public record Result(long completed, long failed, double seconds, Histogram latencyNanos, Histogram fromScheduleNanos,
      Histogram answerNanos, Map<String, Long> decisions, String firstFailure) {
    public double throughput() {
      return completed / seconds;
    }
  }

  /**
   * Sends {@code rate} requests per second for {@code seconds}, at most {@code maxRequests}. This thread sleeps until
   * each intended send time, not on a coarser timer tick, so the driver adds only its own wake-up delay.
   */
  public Result openLoop(double rate, double seconds, long maxRequests) throws InterruptedException {
    long total = Math.min(maxRequests, (long) (rate * seconds));
    long intervalNanos = (long) (1e9 / rate);
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    for (long sent = 0; sent < total; sent++) {
      long intended = start + sent * intervalNanos;
      for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      send(intended, done::countDown);
    }
    done.await((long) (seconds + 30), TimeUnit.SECONDS);
    return result(start);
  }

  /** Keeps {@code concurrency} requests in flight until {@code maxRequests} are done or time is up. */
  public Result closedLoop(int concurrency, double seconds, long maxRequests) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long issued = 0;
    while (issued < maxRequests && System.nanoTime() < deadline) {
      inFlight.acquire();
      issued++;
      send(System.nanoTime(), inFlight::release);
    }
    inFlight.acquire(concurrency); // wait for the last ones
    return result(start);
  }

  private Result result(long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> answers = new TreeMap<>();
    decisions.forEach((decision, count) -> answers.put(decision, count.sum()));
    return new Result(completed.get(), failed.get(), seconds, latencies.getIntervalHistogram(),
        fromSchedule.getIntervalHistogram(), answerLatencies.getIntervalHistogram(), answers, firstFailure.get());
  }

  private void send(long intendedNanos, Runnable onDone) {
    long sentNanos = System.nanoTime();
    long n = next.getAndIncrement();
    EnvoyExchange exchange = exchanges.get((int) (n % exchanges.size()));
    ManagedChannel channel = channels.get((int) (n % channels.size()));
    StreamObserver<ProcessingRequest>[] requests = new StreamObserver[1];
    requests[0] = ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
      private int answers;
      private long answerSentNanos; // 0 until the tier's answer is sent

      @Override
      public void onNext(ProcessingResponse response) {
        answers++;
        if (answerSentNanos != 0) {
          onAnswerPhase(response);
        } else if (answers == 1 && response.hasRequestHeaders() && !response.hasModeOverride()
            && exchange.body() != null) {
          requests[0].onNext(exchange.body());
        } else {
          boolean unexpected = response.hasImmediateResponse() || (answers == 1 && !response.hasRequestHeaders());
          if (unexpected) {
            firstFailure.compareAndSet(null, "unexpected answer: " + response.getResponseCase());
          } else {
            decisions.computeIfAbsent(decision(response), d -> new LongAdder()).increment();
          }
          long now = System.nanoTime();
          latencies.recordValue(now - sentNanos);
          fromSchedule.recordValue(Math.max(0, now - intendedNanos));
          if (unexpected || exchange.answerHeaders() == null) {
            finish(unexpected);
          } else {
            answerSentNanos = now;
            requests[0].onNext(exchange.answerHeaders());
          }
        }
      }

      /** The router's answers to the tier's answer: its headers, and its body when the router asked for it. */
      private void onAnswerPhase(ProcessingResponse response) {
        boolean bodyAsked = response.hasResponseHeaders()
            && response.getModeOverride().getResponseBodyMode() != ProcessingMode.BodySendMode.NONE;
        if (bodyAsked) {
          requests[0].onNext(exchange.answerBody());
          return;
        }
        boolean unexpected = !response.hasResponseHeaders() && !response.hasResponseBody();
        if (unexpected) {
          firstFailure.compareAndSet(null, "unexpected answer: " + response.getResponseCase());
        }
        answerLatencies.recordValue(System.nanoTime() - answerSentNanos);
        finish(unexpected);
      }

      @Override
      public void onError(Throwable t) {
        firstFailure.compareAndSet(null, t.toString());
        failed.incrementAndGet();
        onDone.run();
      }

      @Override
      public void onCompleted() {
      }

      private void finish(boolean unexpected) {
        (unexpected ? failed : completed).incrementAndGet();
        requests[0].onCompleted();
        onDone.run();
      }
    });
    requests[0].onNext(exchange.headers());
  }

  /** The decision header of a body's answer, or of the headers' answer when the router decided there. */
  private static String decision(ProcessingResponse response) {
    var common = response.hasRequestHeaders() ? response.getRequestHeaders().getResponse()
        : response.getRequestBody().getResponse();
    return common.getHeaderMutation().getSetHeadersList().stream()
        .filter(h -> h.getHeader().getKey().equals(RequestRouter.DECISION_HEADER))
        .map(h -> h.getHeader().getRawValue().toStringUtf8())
        .findFirst().orElse("(none)");
  }
}
