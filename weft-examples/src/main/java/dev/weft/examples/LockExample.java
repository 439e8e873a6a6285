package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.sync.Lock;
import java.time.Duration;

/**
 * Seed 001, "Synchronization Primitives", "Mutex Lock": "can be used to guarantee exclusive access
 * to a shared resource".
 *
 * <pre>{@code
 * lock = asyncio.Lock()
 *
 * async with lock:
 *     # access shared state
 * }</pre>
 *
 * The seed shows only the shape; this example shows why it matters even on one thread. Seed 003
 * says that with cooperative switching "locks are no longer needed", and that is true for code
 * without a checkpoint in it. Three tasks each withdraw 10 from a shared balance of 100, but read
 * it, wait one second (a network call, say), then write it back: a checkpoint in the middle. Without
 * a lock all three read 100 and the final balance is 90; with {@code try (var _ = lock.acquire())}
 * around the read-wait-write they take turns and it is 70.
 */
public final class LockExample {
  private LockExample() {}

  /** The shared state: a balance that the tasks read and write back. */
  static final class Account {
    int balance = 100;
  }

  /**
   * Withdraws 10 from {@code account} the slow way: read, wait a second, write.
   *
   * @param name the task's name, for its lines
   * @param account the shared account
   */
  static void withdraw(String name, Account account) {
    int balance = account.balance;
    System.out.println("  " + name + " read balance " + balance);
    Weft.sleep(Duration.ofSeconds(1)); // a checkpoint: other tasks run here
    account.balance = balance - 10;
    System.out.println("  " + name + " wrote balance " + account.balance);
  }

  /**
   * Three withdrawals, with or without the lock.
   *
   * @param useLock whether each withdrawal holds the lock
   * @throws Exception never in practice; nurseries can rethrow what their tasks threw
   */
  public static void main(boolean useLock) throws Exception {
    System.out.println(useLock ? "with a lock:" : "without a lock:");
    Account account = new Account();
    Lock lock = new Lock();
    Nursery.open(n -> {
      for (int i = 0; i < 3; i++) {
        String name = "worker-" + i;
        n.startSoon(() -> {
          if (useLock) {
            try (var _ = lock.acquire()) { // async with lock:
              withdraw(name, account);
            }
          } else {
            withdraw(name, account);
          }
        }, name);
      }
    });
    System.out.println("  final balance: " + account.balance + " (expected 70)");
  }

  /**
   * Runs the withdrawals without, then with, the lock.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main(false));
    Weft.run(() -> main(true));
  }
}
