package dev.gearbox.router.load;

import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays Envoy-shaped exchanges against a router: one stream per request (as Envoy opens them), headers then body,
 * timed from the headers being sent to the body's answer. Open loop (a fixed rate, latency measured from the
 * intended send time, so a stall is not hidden) or closed loop (N requests always in flight).
 */
public final class LoadDriver {
  private final List<ManagedChannel> channels;
  private final List<EnvoyExchange> exchanges;
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong next = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();

  public LoadDriver(List<ManagedChannel> channels, List<EnvoyExchange> exchanges) {
    this.channels = channels;
    this.exchanges = exchanges;
  }

  /** @param firstFailure what went wrong first, or null */
  public record Result(long completed, long failed, double seconds, org.HdrHistogram.Histogram latencyNanos,
      String firstFailure) {
    public double throughput() {
      return completed / seconds;
    }
  }

  /** Sends {@code rate} requests per second for {@code seconds}, at most {@code maxRequests}. */
  public Result openLoop(double rate, double seconds, long maxRequests) throws InterruptedException {
    long total = Math.min(maxRequests, (long) (rate * seconds));
    long intervalNanos = (long) (1e9 / rate);
    CountDownLatch done = new CountDownLatch((int) total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(new Runnable() {
      private long sent;

      @Override
      public void run() {
        while (sent < total && System.nanoTime() - start >= sent * intervalNanos) {
          long intended = start + sent * intervalNanos;
          sent++;
          send(intended, done::countDown);
        }
      }
    }, 0, Math.max(50_000, intervalNanos / 4), TimeUnit.NANOSECONDS);
    done.await((long) (seconds * 2 + 30), TimeUnit.SECONDS);
    ticker.shutdownNow();
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
    return new Result(completed.get(), failed.get(), seconds, latencies.getIntervalHistogram(), firstFailure.get());
  }

  private void send(long startNanos, Runnable onDone) {
    long n = next.getAndIncrement();
    EnvoyExchange exchange = exchanges.get((int) (n % exchanges.size()));
    ManagedChannel channel = channels.get((int) (n % channels.size()));
    StreamObserver<ProcessingRequest>[] requests = new StreamObserver[1];
    requests[0] = ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
      private int answers;

      @Override
      public void onNext(ProcessingResponse response) {
        answers++;
        if (answers == 1 && response.hasRequestHeaders() && !response.hasModeOverride()) {
          requests[0].onNext(exchange.body());
        } else {
          boolean unexpected = response.hasImmediateResponse() || (answers == 1 && !response.hasRequestHeaders());
          if (unexpected) {
            firstFailure.compareAndSet(null, "unexpected answer: " + response.getResponseCase());
          }
          finish(unexpected);
        }
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
        latencies.recordValue(Math.max(0, System.nanoTime() - startNanos));
        (unexpected ? failed : completed).incrementAndGet();
        requests[0].onCompleted();
        onDone.run();
      }
    });
    requests[0].onNext(exchange.headers());
  }
}
