package dev.weft.lowlevel;

import dev.weft.internal.core.Core;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A variable with one value per loop: Trio's {@code trio.lowlevel.RunVar}, for state a library
 * keeps per loop (a registry, a default executor) without a global map.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * static final RunVar<Set<Task>> WATCHED = new RunVar<>("watched", HashSet::new);
 * WATCHED.get().add(Weft.currentTask());
 * }
 *
 * <h2>Thread rules</h2>
 *
 * {@link #get()} and {@link #set} use the loop of the calling task or loop callback; the
 * variants that take an {@link EventLoop} follow that loop's thread rules.
 *
 * @param <T> the type of the value
 */
public final class RunVar<T> {
  // immutable state
  private final String name;
  private final Supplier<? extends T> initial;

  /**
   * Creates a variable whose value in each loop starts as {@code initial.get()}, called the first
   * time the variable is read in that loop.
   *
   * @param name a name, for messages
   * @param initial makes the first value in each loop; it may return null
   */
  public RunVar(String name, Supplier<? extends T> initial) {
    this.name = Objects.requireNonNull(name, "name");
    this.initial = Objects.requireNonNull(initial, "initial");
  }

  /**
   * {@return the value in the current loop}
   *
   * @throws IllegalStateException if not called from a loop's task or callback
   */
  public T get() {
    return get(Core.currentLoop("RunVar.get"));
  }

  /**
   * {@return the value in the given loop}
   *
   * @param loop the loop
   */
  @SuppressWarnings("unchecked")
  public T get(EventLoop loop) {
    return (T) Core.runVars(loop).computeIfAbsent(this, k -> initial.get());
  }

  /**
   * Sets the value in the current loop.
   *
   * @param value the new value
   * @throws IllegalStateException if not called from a loop's task or callback
   */
  public void set(T value) {
    set(Core.currentLoop("RunVar.set"), value);
  }

  /**
   * Sets the value in the given loop.
   *
   * @param loop the loop
   * @param value the new value
   */
  public void set(EventLoop loop, T value) {
    Core.runVars(loop).put(this, value);
  }

  @Override
  public String toString() {
    return "RunVar[" + name + "]";
  }
}
