package dev.weft.channel;

import dev.weft.lowlevel.Scheduling;
import java.time.Duration;

/** Small helpers the channel tests share. */
final class ChannelTesting {
  private ChannelTesting() {}

  /** {@return a duration of {@code seconds}, fractions allowed} */
  static Duration s(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** Waits until every other task is blocked. */
  static void settle() {
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
  }
}
