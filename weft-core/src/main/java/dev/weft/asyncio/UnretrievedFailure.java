package dev.weft.asyncio;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exception of a failed future that nobody has retrieved yet: reported once, either when the
 * future is collected or when its loop closes, whichever comes first (DESIGN.md invariant 6,
 * asyncio's "exception was never retrieved").
 */
final class UnretrievedFailure implements Runnable {
  /** One daemon thread for every loop's futures; it only posts to the loops. */
  private static final Cleaner CLEANER = Cleaner.create();

  private static final System.Logger LOG = System.getLogger("dev.weft.asyncio");

  // immutable state
  private final LoopState loopState;
  private final Throwable error;
  /** "Task" or "Future", for the message. */
  private final String kind;
  /** The future, as long as someone else keeps it; never a strong reference (see the notes). */
  private final WeakReference<AsyncFuture<?>> future;
  /** The future's description when it failed, for a report after it was collected. */
  private final String description;

  // mutable state
  /** Set once: by retrieval (nothing to report) or by the one report. */
  private final AtomicBoolean settled = new AtomicBoolean();

  /*
   * Implementation notes.
   *
   * Nothing here refers to the future strongly, and the loop's list of these records holds them,
   * not the futures: so a failed future that nobody keeps can be collected while its loop runs,
   * and the Cleaner then runs this record (CPython does the same from the future's __del__). The
   * Cleaner's thread is not the loop's: it hands the report to the loop through the inbox, where
   * the exception handler runs as for every other report; if the loop has finished by then, the
   * loop's close already reported everything left (and settled it), so a record that still wins
   * the race logs on System.Logger itself. `settled` makes "retrieved", "reported when collected"
   * and "reported at close" mutually exclusive across those threads.
   * See AsyncFutureTest#testUnretrievedReportedWhenCollected.
   */

  private UnretrievedFailure(AsyncFuture<?> f, Throwable error) {
    this.loopState = f.loopState;
    this.error = error;
    this.kind = f instanceof AsyncTask<?> ? "Task" : "Future";
    this.future = new WeakReference<>(f);
    this.description = LoopState.repr(f);
  }

  /**
   * {@return the record for a future that just failed, registered with its loop and the Cleaner}
   *
   * @param f the future
   * @param error its exception
   */
  static UnretrievedFailure register(AsyncFuture<?> f, Throwable error) {
    UnretrievedFailure u = new UnretrievedFailure(f, error);
    f.loopState.unretrieved.add(u);
    CLEANER.register(f, u);
    return u;
  }

  /** The exception was shown to someone: there is nothing to report. Loop thread. */
  void retrieved() {
    if (settled.compareAndSet(false, true)) {
      loopState.unretrieved.remove(this);
    }
  }

  /** The loop is closing: report now, with the future's current description if it is alive. */
  void reportAtClose() {
    if (settled.compareAndSet(false, true)) {
      AsyncFuture<?> f = future.get();
      loopState.report(message(f != null ? LoopState.repr(f) : description), error);
    }
  }

  /** The Cleaner's action: the future was collected without its exception being retrieved. */
  @Override
  public void run() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    String message = message(description);
    boolean posted =
        loopState.eventLoop
            .runToken()
            .tryRunSyncSoon(
                () -> {
                  loopState.unretrieved.remove(this);
                  loopState.report(message, error);
                });
    if (!posted) {
      LOG.log(System.Logger.Level.ERROR, message, error);
    }
  }

  private String message(String what) {
    return kind + " exception was never retrieved: " + what;
  }
}
