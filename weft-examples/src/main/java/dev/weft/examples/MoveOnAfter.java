package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import java.time.Duration;

/**
 * Seed 002, "Advanced topic: cancellation scope", "Nested scopes": "How do you think, what the
 * code below will print out?"
 *
 * <pre>{@code
 * import trio
 *
 * async def main():
 *     print("starting...")
 *     with trio.move_on_after(2):
 *         with trio.move_on_after(4):
 *             await trio.sleep(5)
 *             print("sleep finished without error")
 *         print("move_on_after(4) finished without error")
 *     print("move_on_after(2) finished without error")
 *
 * trio.run(main)
 * }</pre>
 *
 * The outer deadline (t=2) comes first, so the outer scope cancels everything inside it, the inner
 * scope included: only {@code starting...} and {@code move_on_after(2) finished without error}
 * are printed. {@link #practice1()} and {@link #practice2()} answer the cell's two exercises,
 * "change the values passed to {@code move_on_after} so that the inner one takes effect" and
 * "instead of changing the values, update one of the cancellation scope instances so that the
 * inner one takes effect".
 *
 * <p>{@link #main()} is the cell's {@code async def main()}; {@link #main(String[])} is its {@code
 * trio.run(main)} line, followed by runs of the two exercises.
 */
public final class MoveOnAfter {
  private MoveOnAfter() {}

  /**
   * {@code async def main()}: the outer {@code move_on_after(2)} fires first.
   *
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void main() throws Exception {
    System.out.println("starting...");
    Timeouts.moveOnAfter(
        Duration.ofSeconds(2),
        () -> {
          Timeouts.moveOnAfter(
              Duration.ofSeconds(4),
              () -> {
                Weft.sleep(Duration.ofSeconds(5));
                System.out.println("sleep finished without error");
              });
          System.out.println("move_on_after(4) finished without error");
        });
    System.out.println("move_on_after(2) finished without error");
  }

  /**
   * Practice 1: swap the values, so the inner scope has the earlier deadline and takes effect (at
   * t=2); the outer one then finishes without being cancelled.
   *
   * <pre>{@code
   * with trio.move_on_after(4):
   *     with trio.move_on_after(2):
   *         await trio.sleep(5)
   *         print("sleep finished without error")
   *     print("move_on_after(2) finished without error")
   * print("move_on_after(4) finished without error")
   * }</pre>
   *
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void practice1() throws Exception {
    System.out.println("starting...");
    Timeouts.moveOnAfter(
        Duration.ofSeconds(4),
        () -> {
          Timeouts.moveOnAfter(
              Duration.ofSeconds(2),
              () -> {
                Weft.sleep(Duration.ofSeconds(5));
                System.out.println("sleep finished without error");
              });
          System.out.println("move_on_after(2) finished without error");
        });
    System.out.println("move_on_after(4) finished without error");
  }

  /**
   * Practice 2: keep the values, but push the outer scope's deadline back by 3 s from inside it
   * (to t=5), so the inner 4 s scope fires first, at t=4.
   *
   * <pre>{@code
   * with trio.move_on_after(2) as cancel_scope:
   *     cancel_scope.deadline += 3
   *     with trio.move_on_after(4):
   *         await trio.sleep(5)
   *         print("sleep finished without error")
   *     print("move_on_after(4) finished without error")
   * print("move_on_after(2) finished without error")
   * }</pre>
   *
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void practice2() throws Exception {
    System.out.println("starting...");
    CancelScope cancelScope = CancelScope.withRelativeDeadline(Duration.ofSeconds(2));
    cancelScope.run(
        () -> {
          cancelScope.setDeadline(cancelScope.deadline() + 3);
          Timeouts.moveOnAfter(
              Duration.ofSeconds(4),
              () -> {
                Weft.sleep(Duration.ofSeconds(5));
                System.out.println("sleep finished without error");
              });
          System.out.println("move_on_after(4) finished without error");
        });
    System.out.println("move_on_after(2) finished without error");
  }

  /**
   * {@code trio.run(main)}, then the two exercises, each in a run of its own.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
    System.out.println("-- practice 1: change the values passed to move_on_after so that the inner one takes effect --");
    Weft.run(MoveOnAfter::practice1);
    System.out.println("-- practice 2: push the outer deadline back so the inner scope wins --");
    Weft.run(MoveOnAfter::practice2);
  }
}
