package dev.gearbox.router.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when a policy file or directory changes. Events are coalesced for a short quiet period so an editor's
 * save (often write + rename) causes one reload. Works for Kubernetes ConfigMap mounts, whose files change by
 * symlink swap inside the watched directory.
 */
public final class FileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

  private final WatchService watcher;
  private final Thread thread;

  public FileWatcher(Path fileOrDirectory, long quietMillis, Runnable onChange) throws IOException {
    Path directory = Files.isDirectory(fileOrDirectory) ? fileOrDirectory : fileOrDirectory.toAbsolutePath().getParent();
    this.watcher = FileSystems.getDefault().newWatchService();
    directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(() -> loop(quietMillis, onChange), "policy-file-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(long quietMillis, Runnable onChange) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        drain(key);
        // Wait for the burst of events to settle before reloading.
        WatchKey more;
        while ((more = watcher.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        try {
          onChange.run();
        } catch (RuntimeException e) {
          LOG.error("policy reload failed", e);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    thread.interrupt();
  }
}
