package dev.gearbox.operator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One control-plane binary running as a child process, its output in a log file beside the others. */
final class ControlPlaneProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ControlPlaneProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ControlPlaneProcess start(ControlPlaneBinaries binaries, String name, Path logDirectory, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binaries.binary(name).toString());
    command.addAll(args);
    Path log = logDirectory.resolve(name + ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new ControlPlaneProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Throws with the log's location when the process has already ended (a bad flag, a port in use). */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
    }
  }

  /** SIGTERM first so that the process can let go of its ports and leases, then SIGKILL after a grace period. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
