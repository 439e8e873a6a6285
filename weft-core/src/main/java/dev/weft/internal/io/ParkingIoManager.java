package dev.weft.internal.io;

import java.util.concurrent.locks.LockSupport;

/**
 * The I/O manager of a loop without I/O: it parks the loop thread, and a wake-up unparks it. It
 * was the loop's only way to wait before {@link SelectorIoManager} (which parks the same way until
 * its selector exists); it stays as the smallest manager, which pins the {@link IoManager}
 * wake-up protocol in its tests.
 */
public final class ParkingIoManager extends IoManager {
  /** Creates the manager; it waits on whichever thread calls {@link #waitForEvents}. */
  public ParkingIoManager() {}

  @Override
  protected boolean blockOnce(double timeoutSeconds) {
    park(this, timeoutSeconds);
    return false;
  }

  /**
   * Parks the calling thread for at most the timeout.
   *
   * @param blocker the object to report as the blocker
   * @param timeoutSeconds more than zero; {@link #MAX_WAIT_SECONDS} or more means no limit
   */
  static void park(Object blocker, double timeoutSeconds) {
    if (timeoutSeconds >= MAX_WAIT_SECONDS) {
      LockSupport.park(blocker);
    } else {
      LockSupport.parkNanos(blocker, (long) (timeoutSeconds * 1e9));
    }
  }

  @Override
  protected boolean poll() {
    return false;
  }

  @Override
  protected void interruptBlock(Thread sleeper) {
    LockSupport.unpark(sleeper);
  }
}
