package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A <em>capacity limiter</em>: a pool of tokens, each held by one <em>borrower</em>, that limits
 * how many things happen at once (Trio's {@code trio.CapacityLimiter}).
 *
 * <p>It is a semaphore that knows who holds each token. By default the borrower is the task that
 * calls {@link #acquire()}; {@link #acquireOnBehalfOf(Object)} names another (any object compared
 * with {@code equals}: a task, a job, a connection), so that a token can be taken in one task and
 * given back in another. A borrower may hold at most one token of a limiter at a time, which
 * catches double acquires, and only a borrower that holds a token may give it back. The total can
 * be changed while the limiter is in use: raising it wakes waiting tasks at once, lowering it
 * takes effect as tokens come back.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * CapacityLimiter downloads = new CapacityLimiter(4);
 * Nursery.open(n -> {
 *   for (String url : urls) {
 *     n.startSoon(() -> {
 *       try (var _ = downloads.acquire()) {
 *         fetch(url);               // at most 4 fetches at a time
 *       }
 *     });
 *   }
 *   downloads.setTotalTokens(8);    // later: allow more
 * });
 * }
 *
 * <h2>Cancellation</h2>
 *
 * The acquire methods are atomic under cancellation: they either return with a token, or throw
 * {@link CancelledError} without one.
 *
 * <h2>Fairness</h2>
 *
 * Waiters get tokens in the order they asked. While any task waits, {@code tryAcquire} fails even
 * if tokens are free, so a newcomer cannot overtake them.
 *
 * <h2>Thread rules</h2>
 *
 * The limiter belongs to the loop it is used in; call it from that loop's tasks.
 */
public final class CapacityLimiter {
  // immutable state
  /** The loop this object belongs to, checked first by every method. */
  private final LoopConfinement confinement = new LoopConfinement();

  private final ParkingLot lot = new ParkingLot();
  /** Who holds a token, in the order they got it. */
  private final Set<Object> borrowers = new LinkedHashSet<>();
  /** For each parked task, whom it is acquiring for. */
  private final Map<Task, Object> pendingBorrowers = new HashMap<>();
  /** The values of pendingBorrowers: a borrower waits in at most one task. */
  private final Set<Object> waitingBorrowers = new HashSet<>();

  // mutable state
  private int totalTokens;

  /*
   * Implementation notes.
   *
   * Trio's CapacityLimiter. A waiting task parks in lot and records its borrower in
   * pendingBorrowers; whoever frees capacity (a release, or a larger total) unparks as many tasks as
   * there are free tokens and moves their borrowers into the set before they run, so the tokens are
   * handed over and a woken task never finds them gone. A task cancelled while parked removes its
   * pending entry on its way out.
   *
   * Unlike Trio, a borrower that is already waiting (in another task) cannot start waiting again:
   * Trio checks only the holders, so two tasks acquiring for one borrower both wait, both get a
   * token when the total grows, and the set of holders counts the borrower once, so a token is
   * lost and the second release fails. A borrower holds at most one token whatever the path, so
   * we refuse the second wait at once, as we refuse a second hold (issue 11, item 8).
   *
   * Invariants: borrowers.size() may exceed totalTokens only after the total was lowered; the lot
   * is non-empty only while borrowers.size() >= totalTokens; pendingBorrowers has exactly the
   * parked tasks as keys, waitingBorrowers exactly its values, and no borrower is in both
   * waitingBorrowers and borrowers. Pinned also by CapacityLimiterBorrowerTest. Pinned by CapacityLimiterTest#testRaisingTotalWakesWaiters and
   * #testCancelledWaiterTakesNothing.
   */

  /**
   * The total of a limiter with no limit (Trio's {@code math.inf}): {@code Integer.MAX_VALUE}
   * tokens, which never run out in practice.
   */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  /**
   * Creates a limiter with {@code totalTokens} tokens.
   *
   * @param totalTokens how many borrowers may hold a token at once; 0 or more ({@link #UNBOUNDED}
   *     for no limit; 0 admits nobody until {@link #setTotalTokens} raises it)
   * @throws IllegalArgumentException if {@code totalTokens} is negative
   */
  public CapacityLimiter(int totalTokens) {
    // Not setTotalTokens: a limiter may be made outside any loop, and nobody waits on it yet.
    this.totalTokens = checkTotal(totalTokens);
  }

  private static int checkTotal(int totalTokens) {
    if (totalTokens < 0) {
      throw new IllegalArgumentException(
          "CapacityLimiter: totalTokens must be 0 or more (UNBOUNDED for no limit), got "
              + totalTokens);
    }
    return totalTokens;
  }

  /** {@return how many borrowers may hold a token at once} */
  public int totalTokens() {
    confinement.check("CapacityLimiter.totalTokens");
    return totalTokens;
  }

  /**
   * Changes the total. If it grows, tasks waiting for a token get the new ones at once (in the
   * order they started waiting). If it shrinks below the tokens held, nobody loses a token; new
   * acquires wait until enough have come back. Not a checkpoint.
   *
   * @param totalTokens the new total; 0 or more, or {@link #UNBOUNDED}
   * @throws IllegalArgumentException if {@code totalTokens} is negative
   */
  public void setTotalTokens(int totalTokens) {
    confinement.check("CapacityLimiter.setTotalTokens");
    this.totalTokens = checkTotal(totalTokens);
    wakeWaiters();
  }

  /** {@return how many tokens are held} */
  public int borrowedTokens() {
    confinement.check("CapacityLimiter.borrowedTokens");
    return borrowers.size();
  }

  /** {@return how many tokens are free: the total minus those held, never negative} */
  public int availableTokens() {
    confinement.check("CapacityLimiter.availableTokens");
    return Math.max(0, totalTokens - borrowers.size());
  }

  /**
   * Takes a token for the current task, waiting while none is free.
   *
   * <p>This method is a checkpoint. It is fair (FIFO) and atomic under cancellation.
   *
   * @return a hold whose {@code close()} gives the token back on behalf of the current task (it
   *     may be closed from another task)
   * @throws CancelledError if cancelled before getting a token
   * @throws IllegalStateException if the current task already holds a token of this limiter
   */
  @Checkpoint
  public Held acquire() {
    confinement.check("CapacityLimiter.acquire");
    return acquireOnBehalfOf(Scheduling.currentTask());
  }

  /**
   * Takes a token for {@code borrower}, waiting while none is free.
   *
   * <p>This method is a checkpoint. It is fair (FIFO) and atomic under cancellation.
   *
   * @param borrower who will hold the token; compared with {@code equals}
   * @return a hold whose {@code close()} gives the token back on behalf of {@code borrower}
   * @throws CancelledError if cancelled before getting a token
   * @throws IllegalStateException if {@code borrower} already holds a token of this limiter, or
   *     already waits for one in another task
   * @throws NullPointerException if {@code borrower} is null
   */
  @Checkpoint
  public Held acquireOnBehalfOf(Object borrower) {
    confinement.check("CapacityLimiter.acquireOnBehalfOf");
    Objects.requireNonNull(borrower, "borrower");
    Scheduling.checkpointIfCancelled();
    if (tryAcquireOnBehalfOf(borrower)) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      Task me = Scheduling.currentTask();
      waitingBorrowers.add(borrower);
      pendingBorrowers.put(me, borrower);
      try {
        lot.park();
      } catch (CancelledError e) {
        waitingBorrowers.remove(pendingBorrowers.remove(me));
        throw e;
      }
    }
    return new Held(() -> releaseOnBehalfOf(borrower));
  }

  /**
   * Takes a token for the current task if one is free and nobody is waiting. Never blocks and is
   * not a checkpoint.
   *
   * @return whether the current task now holds a token
   * @throws IllegalStateException if the current task already holds a token of this limiter
   */
  public boolean tryAcquire() {
    confinement.check("CapacityLimiter.tryAcquire");
    return tryAcquireOnBehalfOf(Scheduling.currentTask());
  }

  /**
   * Takes a token for {@code borrower} if one is free and nobody is waiting. Never blocks and is
   * not a checkpoint.
   *
   * @param borrower who will hold the token
   * @return whether {@code borrower} now holds a token
   * @throws IllegalStateException if {@code borrower} already holds a token of this limiter, or
   *     already waits for one in another task
   * @throws NullPointerException if {@code borrower} is null
   */
  public boolean tryAcquireOnBehalfOf(Object borrower) {
    confinement.check("CapacityLimiter.tryAcquireOnBehalfOf");
    Objects.requireNonNull(borrower, "borrower");
    if (borrowers.contains(borrower)) {
      throw new IllegalStateException(
          "CapacityLimiter: " + describe(borrower) + " already holds one of this limiter's "
              + "tokens; a borrower may hold only one, so release it first");
    }
    if (waitingBorrowers.contains(borrower)) {
      throw new IllegalStateException(
          "CapacityLimiter: " + describe(borrower) + " already waits for one of this limiter's "
              + "tokens (in another task); a borrower may hold only one, so acquire on its behalf "
              + "in one task at a time");
    }
    if (borrowers.size() < totalTokens && lot.isEmpty()) {
      borrowers.add(borrower);
      return true;
    }
    return false;
  }

  /**
   * Gives back the current task's token. Not a checkpoint.
   *
   * @throws IllegalStateException if the current task holds no token of this limiter
   */
  public void release() {
    confinement.check("CapacityLimiter.release");
    releaseOnBehalfOf(Scheduling.currentTask());
  }

  /**
   * Gives back {@code borrower}'s token; if tasks are waiting, the one that has waited longest
   * gets it. Not a checkpoint.
   *
   * @param borrower who holds the token
   * @throws IllegalStateException if {@code borrower} holds no token of this limiter
   * @throws NullPointerException if {@code borrower} is null
   */
  public void releaseOnBehalfOf(Object borrower) {
    confinement.check("CapacityLimiter.releaseOnBehalfOf");
    Objects.requireNonNull(borrower, "borrower");
    if (!borrowers.remove(borrower)) {
      throw new IllegalStateException(
          "CapacityLimiter.release: " + describe(borrower) + " holds none of this limiter's "
              + "tokens; only a borrower that acquired a token can give it back");
    }
    wakeWaiters();
  }

  /** {@return a snapshot of the limiter's state} */
  public CapacityLimiterStatistics statistics() {
    confinement.check("CapacityLimiter.statistics");
    return new CapacityLimiterStatistics(
        borrowers.size(), totalTokens, new ArrayList<>(borrowers), lot.size());
  }

  @Override
  public String toString() {
    return "CapacityLimiter@" + Integer.toHexString(System.identityHashCode(this)) + "["
        + borrowers.size() + "/" + totalTokens + " borrowed, " + lot.size() + " waiting]";
  }

  private void wakeWaiters() {
    int free = totalTokens - borrowers.size();
    if (free > 0 && !lot.isEmpty()) {
      for (Task woken : lot.unpark(free)) {
        Object borrower = pendingBorrowers.remove(woken);
        waitingBorrowers.remove(borrower);
        borrowers.add(borrower);
      }
    }
  }

  /**
   * Describes a borrower for a message. A user borrower's {@code toString()} may throw; it must
   * not replace the error being reported, so then the borrower is named by its class and identity
   * (the rule of {@code internal.util.SafeString}, which this layer may not import).
   */
  private static String describe(Object borrower) {
    if (borrower instanceof Task t) {
      return "task '" + t.name() + "'";
    }
    try {
      return "borrower " + borrower;
    } catch (Throwable e) {
      // Nothing of `e` but its class: its own toString() may be just as hostile.
      return "borrower " + borrower.getClass().getName() + "@"
          + Integer.toHexString(System.identityHashCode(borrower))
          + " (its toString() threw " + e.getClass().getName() + ")";
    }
  }
}
