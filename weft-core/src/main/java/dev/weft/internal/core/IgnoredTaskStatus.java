package dev.weft.internal.core;

import dev.weft.TaskStatus;

/** The status behind {@link TaskStatus#ignored()}: {@code started} does nothing. */
public final class IgnoredTaskStatus implements TaskStatus<Object> {
  /** The one instance. */
  public static final IgnoredTaskStatus INSTANCE = new IgnoredTaskStatus();

  private IgnoredTaskStatus() {}

  @Override
  public void started() {}

  @Override
  public void started(Object value) {}

  @Override
  public String toString() {
    return "TaskStatus.ignored()";
  }
}
