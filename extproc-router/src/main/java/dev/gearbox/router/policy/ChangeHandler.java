package dev.gearbox.router.policy;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** An informer handler for sources that rebuild from their caches: every add, update or delete is "changed". */
public final class ChangeHandler<T> implements ResourceEventHandler<T> {
  private final Runnable onChange;

  public ChangeHandler(Runnable onChange) {
    this.onChange = onChange;
  }

  @Override
  public void onAdd(T obj) {
    onChange.run();
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    onChange.run();
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {
    onChange.run();
  }
}
