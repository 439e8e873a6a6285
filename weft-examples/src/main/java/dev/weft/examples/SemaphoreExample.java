package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.sync.Semaphore;
import java.time.Duration;

/**
 * Seed 001, "Synchronization Primitives", "Semaphore": "manages an internal counter which is
 * decremented by each acquire() call and incremented by each release() call".
 *
 * <pre>{@code
 * sem = asyncio.Semaphore(10)
 *
 * async with sem:
 *     # work with shared resource
 * }</pre>
 *
 * Five downloads of one second each share a semaphore of 2: two start at t=0, the next two at t=1
 * as the first two finish, and the last at t=2, so all are done at t=3. Waiters get their turn in
 * the order they asked.
 */
public final class SemaphoreExample {
  private SemaphoreExample() {}

  /**
   * Downloads one file (a one-second sleep) while holding a token of {@code sem}.
   *
   * @param name the download's name
   * @param sem the semaphore that limits how many run at once
   */
  static void download(String name, Semaphore sem) {
    try (var _ = sem.acquire()) { // async with sem:
      System.out.println(name + " started at t=" + (long) Weft.currentTime());
      Weft.sleep(Duration.ofSeconds(1));
      System.out.println(name + " finished at t=" + (long) Weft.currentTime());
    }
  }

  /**
   * Five downloads, at most two at a time.
   *
   * @throws Exception never in practice; nurseries can rethrow what their tasks threw
   */
  public static void main() throws Exception {
    Semaphore sem = new Semaphore(2);
    Nursery.open(n -> {
      for (int i = 1; i <= 5; i++) {
        String name = "download-" + i;
        n.startSoon(() -> download(name, sem), name);
      }
    });
    System.out.println("all 5 downloads done at t=" + (long) Weft.currentTime());
  }

  /**
   * Runs the downloads.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
  }
}
