package dev.gearbox.operator.dependent;

import dev.gearbox.api.v1alpha1.ModelCache;
import dev.gearbox.api.v1alpha1.ModelServer;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;

/** The model-cache volume and, for tensor parallelism, the memory-backed /dev/shm NCCL needs. */
public final class ServerVolumes {
  public static final String CACHE_VOLUME = "model-cache";
  public static final String SHM_VOLUME = "dshm";

  private ServerVolumes() {
  }

  public static List<Volume> volumes(ModelServer server) {
    List<Volume> volumes = new ArrayList<>();
    ModelCache cache = server.modelCache();
    if (cache != null && cache.claimName() != null) {
      volumes.add(new VolumeBuilder().withName(CACHE_VOLUME)
          .withNewPersistentVolumeClaim().withClaimName(cache.claimName()).endPersistentVolumeClaim().build());
    } else {
      // Without a claim the weights still need a writable place; an emptyDir survives container restarts.
      volumes.add(new VolumeBuilder().withName(CACHE_VOLUME)
          .withNewEmptyDir().withSizeLimit(cache == null ? null : cache.sizeLimit()).endEmptyDir().build());
    }
    if (needsShm(server)) {
      volumes.add(new VolumeBuilder().withName(SHM_VOLUME)
          .withNewEmptyDir().withMedium("Memory").withSizeLimit(server.shmSize()).endEmptyDir().build());
    }
    return volumes;
  }

  public static List<VolumeMount> mounts(ModelServer server) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName(CACHE_VOLUME).withMountPath(cachePath(server)).build());
    if (needsShm(server)) {
      mounts.add(new VolumeMountBuilder().withName(SHM_VOLUME).withMountPath("/dev/shm").build());
    }
    return mounts;
  }

  public static String cachePath(ModelServer server) {
    ModelCache cache = server.modelCache();
    return cache == null ? ModelCache.DEFAULT_MOUNT_PATH : cache.effectiveMountPath();
  }

  static boolean needsShm(ModelServer server) {
    return ServerSettings.tensorParallelSize(server) > 1;
  }
}
