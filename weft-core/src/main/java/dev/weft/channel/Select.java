package dev.weft.channel;

import dev.weft.Checkpoint;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * <em>Select</em>: wait for whichever of several channel operations can happen first, and perform
 * exactly that one. Go's {@code select}, Kotlin's and jox's {@code select}; Trio has none.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * String what = Select.select(
 *     orders.onReceive(o -> "order " + o),
 *     alerts.onReceive(a -> "alert " + a),
 *     log.onSend("tick", () -> "logged"));
 *
 * // Non-blocking: the default when no clause can happen now.
 * String maybe = Select.selectOrDefault(() -> "nothing yet", orders.onReceive(o -> "order " + o));
 * }
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Exactly one</b> clause's operation happens: one value is sent, or one is received,
 *       never more, and the select returns that clause's result. The clause's callback runs
 *       after the operation, in the selecting task, outside the channel's state: it may block or
 *       use the channels itself, and if it throws, the operation has still happened.
 *   <li><b>Deterministic choice</b>: the clauses are tried in the order given, and the first one
 *       that can complete right now wins (as in jox; Go picks at random). Put the clause that
 *       must not starve first, or rotate the order yourself.
 *   <li>If none can complete now, {@link #select} waits until a counterpart arrives on any of
 *       them; the first counterpart to arrive decides.
 *   <li><b>Errors count as ready</b>: a clause whose operation would throw right now (its end is
 *       closed, a send on a channel with no receive ends left, a plain {@code onReceive} on an
 *       ended channel) makes the select throw that error, if no earlier clause can complete; and
 *       a waiting select is woken with the error when that happens to one of its channels.
 *       {@link MemoryReceiveChannel#onReceiveOrEnd} turns the end of a channel into a result.
 *   <li>The same channel may appear in several clauses, even a send and a receive on one
 *       rendezvous channel: a select never completes against itself.
 * </ul>
 *
 * <h2>Cancellation</h2>
 *
 * {@link #select} is atomic under cancellation: if it throws {@link
 * dev.weft.cancel.CancelledError}, no clause happened and every channel is unchanged.
 *
 * <h2>Checkpoints</h2>
 *
 * {@link #select} is a checkpoint on every call, even when a clause is ready at once. {@link
 * #selectOrDefault} never blocks and is not a checkpoint (it is to {@code select} what {@code
 * trySend} is to {@code send}).
 *
 * <h2>Thread rules</h2>
 *
 * Every channel of a select must belong to the calling task's loop.
 */
public final class Select {
  private Select() {}

  /*
   * Implementation notes.
   *
   * A parked select has one Waiter per clause, each queued on its own channel next to the plain
   * senders and receivers (so a select competes fairly with them, first come first served), all
   * sharing one Selection. Whoever completes one of them (Waiter#succeed/end/fail) unlinks the
   * others in the same loop step, before anyone else can see them, so at most one clause ever
   * completes. A cancellation can only arrive while every waiter is still queued (completion
   * reschedules the task, which clears its abort function), and then Selection#abort withdraws
   * them all. The fast path tries the clauses in order before queueing anything, which is also
   * why a select cannot meet itself: its own waiters do not exist yet when it looks for
   * counterparts, and once they are queued the select only waits. See SelectTest.
   */

  /**
   * Performs exactly one of the clauses, waiting until one can happen, and returns its result.
   *
   * <p>This method is a checkpoint. It is atomic under cancellation.
   *
   * @param clauses the operations to choose from, in order of preference; at least one
   * @param <R> the result type
   * @return the result of the clause performed
   * @throws IllegalArgumentException if there are no clauses
   * @throws NullPointerException if the array or a clause is null
   * @throws dev.weft.ClosedResourceException if the chosen clause's end is closed
   * @throws dev.weft.BrokenResourceException if the chosen clause sends on a channel whose receive
   *     ends are all closed
   * @throws EndOfChannelException if the chosen clause is a plain {@code onReceive} on a channel
   *     that has ended
   */
  @SafeVarargs
  @Checkpoint
  @SuppressWarnings({"unchecked", "varargs"}) // the array is only read, never stored or exposed
  public static <R> R select(SelectClause<? extends R>... clauses) {
    return (R) run(clauses, null);
  }

  /**
   * {@link #select(SelectClause[])} over a list of clauses, for a set of clauses built at run
   * time. This method is a checkpoint.
   *
   * @param clauses the operations to choose from, in order of preference; at least one
   * @param <R> the result type
   * @return the result of the clause performed
   * @throws IllegalArgumentException if there are no clauses
   * @throws NullPointerException if the list or a clause is null
   */
  @Checkpoint
  @SuppressWarnings("unchecked")
  public static <R> R select(List<? extends SelectClause<? extends R>> clauses) {
    Objects.requireNonNull(clauses, "clauses");
    return (R) run(clauses.toArray(new SelectClause<?>[0]), null);
  }

  /**
   * Performs the first of the clauses that can happen right now and returns its result, or, if
   * none can, returns {@code otherwise.get()} having changed nothing. Never blocks, and is not a
   * checkpoint.
   *
   * @param otherwise the result when no clause can happen now
   * @param clauses the operations to choose from, in order of preference; at least one
   * @param <R> the result type
   * @return the result of the clause performed, or of {@code otherwise}
   * @throws IllegalArgumentException if there are no clauses
   * @throws NullPointerException if {@code otherwise}, the array or a clause is null
   */
  @SafeVarargs
  @SuppressWarnings({"unchecked", "varargs"}) // the array is only read, never stored or exposed
  public static <R> R selectOrDefault(
      Supplier<? extends R> otherwise, SelectClause<? extends R>... clauses) {
    return (R) run(clauses, Objects.requireNonNull(otherwise, "otherwise"));
  }

  /**
   * The select itself; {@code otherwise} null means the blocking form. The result's type is the
   * callers' {@code R}: every clause and {@code otherwise} produce an {@code R}.
   */
  private static Object run(SelectClause<?>[] clauses, Supplier<?> otherwise) {
    String operation = otherwise == null ? "Select.select" : "Select.selectOrDefault";
    int n = Objects.requireNonNull(clauses, "clauses").length;
    if (n == 0) {
      throw new IllegalArgumentException(
          operation + ": give at least one clause (onSend/onReceive of a channel end)");
    }
    for (SelectClause<?> c : clauses) {
      Objects.requireNonNull(c, () -> operation + ": a clause is null").state().checkLoop(operation);
    }
    if (otherwise == null) {
      Scheduling.checkpointIfCancelled();
    }
    for (SelectClause<?> c : clauses) {
      Object token = c.attempt(operation);
      if (token != SelectClause.NOT_READY) {
        if (otherwise == null) {
          Scheduling.cancelShieldedCheckpoint();
        }
        return c.result(token);
      }
    }
    if (otherwise != null) {
      return otherwise.get();
    }
    Selection selection = new Selection(n);
    Task me = Scheduling.currentTask();
    for (int i = 0; i < n; i++) {
      selection.waiters[i] = clauses[i].register(selection, i, me);
    }
    Waiter done = Scheduling.waitTaskRescheduled(selection);
    return clauses[done.clause].completed(done);
  }
}
