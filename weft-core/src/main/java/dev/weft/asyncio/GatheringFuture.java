package dev.weft.asyncio;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import java.util.ArrayList;
import java.util.List;

/**
 * The future {@link Asyncio#gather} returns: done when every child is, or at the first failure.
 * Cancelling it cancels the children that are not done; it then ends cancelled once they have.
 *
 * @param <T> the children's value type
 */
final class GatheringFuture<T> extends AsyncFuture<List<T>> {
  // immutable state
  private final List<AsyncFuture<? extends T>> children;
  private final boolean returnExceptions;

  // mutable state
  private int finished;
  private boolean cancelRequested;
  private String requestMessage;

  /*
   * Implementation notes.
   *
   * asyncio's _GatheringFuture: a done callback on each child counts it; without
   * returnExceptions the first child to fail (or be cancelled) fails the gather at once, and the
   * rest keep running. With returnExceptions the result list holds values, exceptions and
   * CancelledErrors in the children's order. cancel() is only a request to the children, so a
   * task awaiting a cancelled gather waits (AsyncFuture's Abort.PASSED_ON) until they have all ended.
   */

  GatheringFuture(LoopState state, List<AsyncFuture<? extends T>> children, boolean returnExceptions) {
    super(state);
    this.children = children;
    this.returnExceptions = returnExceptions;
    if (children.isEmpty()) {
      setResult(List.of());
      return;
    }
    for (AsyncFuture<? extends T> child : children) {
      child.addDoneCallback(this::childDone);
    }
  }

  @Override
  public boolean cancel(String message) {
    checkLoop("cancel");
    if (done()) {
      return false;
    }
    boolean any = false;
    for (AsyncFuture<? extends T> child : children) {
      if (child.cancel(message)) {
        any = true;
      }
    }
    if (any) {
      // Cancelling children does not cancel the gather right away: it ends cancelled once they
      // have all reported in.
      cancelRequested = true;
      requestMessage = message;
    }
    return any;
  }

  @Override
  String describe() {
    return "GatheringFuture";
  }

  private void childDone(AsyncFuture<? extends T> child) {
    finished++;
    if (done()) {
      if (!child.cancelled()) {
        child.markRetrieved();
      }
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        setExceptionOrCancel(child);
        return;
      }
      if (child.exceptionUnchecked() != null) {
        child.markRetrieved();
        setException(child.exceptionUnchecked());
        return;
      }
    }
    if (finished < children.size()) {
      return;
    }
    if (cancelRequested) {
      // As asyncio: the gather is not marked cancelled, but awaiting it throws CancelledError.
      failWith(Scheduling.newCancelledError(requestMessage));
      return;
    }
    List<T> results = new ArrayList<>(children.size());
    for (AsyncFuture<? extends T> c : children) {
      results.add(valueOf(c));
    }
    setResult(results);
  }

  private void setExceptionOrCancel(AsyncFuture<? extends T> child) {
    // asyncio treats a cancelled child as if it raised CancelledError: the gather itself is not
    // cancelled (cancelled() stays false), but awaiting it throws that CancelledError.
    failWith(child.newCancelledError());
  }

  @SuppressWarnings("unchecked")
  private T valueOf(AsyncFuture<? extends T> c) {
    if (c.cancelled()) {
      return (T) c.newCancelledError();
    }
    if (c.exceptionUnchecked() != null) {
      c.markRetrieved();
      return (T) c.exceptionUnchecked();
    }
    try {
      return c.outcome();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
