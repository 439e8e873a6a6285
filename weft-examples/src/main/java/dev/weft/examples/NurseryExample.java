package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import java.time.Duration;

/**
 * Seed 002, "Nursery": "If you want to spawn child tasks, you should be a responsible parent."
 *
 * <pre>{@code
 * import trio
 *
 * async def child1():
 *     print("  child1: started! sleeping now...")
 *     await trio.sleep(1)
 *     print("  child1: exiting!")
 *
 * async def child2():
 *     print("  child2: started! sleeping now...")
 *     await trio.sleep(2)
 *     print("  child2: exiting!")
 *
 * async def parent():
 *     print("parent: started!")
 *     async with trio.open_nursery() as nursery:
 *         print("parent: spawning child1...")
 *         nursery.start_soon(child1)
 *
 *         print("parent: spawning child2...")
 *         nursery.start_soon(child2)
 *
 *         print("parent: waiting for children to finish...")
 *         # -- we exit the nursery block here --
 *     print("parent: all done!")
 *
 * trio.run(parent)
 * }</pre>
 *
 * Seed 000 ("3rd Party Library - Trio") has the same program with {@code child2} sleeping 1 s;
 * this class follows seed 002. "The children <em>never</em> leave the nursery scope": {@code
 * parent: all done!} comes after {@code child2: exiting!}, at t=2. Trio does not promise the
 * order in which new tasks start; weft starts them first in, first out, so {@code child1} always
 * starts before {@code child2}.
 */
public final class NurseryExample {
  private NurseryExample() {}

  /** {@code async def child1()}: sleeps 1 s. */
  public static void child1() {
    System.out.println("  child1: started! sleeping now...");
    Weft.sleep(Duration.ofSeconds(1));
    System.out.println("  child1: exiting!");
  }

  /** {@code async def child2()}: sleeps 2 s. */
  public static void child2() {
    System.out.println("  child2: started! sleeping now...");
    Weft.sleep(Duration.ofSeconds(2));
    System.out.println("  child2: exiting!");
  }

  /**
   * {@code async def parent()}: starts both children in a nursery, and returns when both are done.
   *
   * @throws Exception what a child threw
   */
  public static void parent() throws Exception {
    System.out.println("parent: started!");
    Nursery.open(
        nursery -> {
          System.out.println("parent: spawning child1...");
          nursery.startSoon(NurseryExample::child1, "child1");

          System.out.println("parent: spawning child2...");
          nursery.startSoon(NurseryExample::child2, "child2");

          System.out.println("parent: waiting for children to finish...");
          // -- we exit the nursery block here --
        });
    System.out.println("parent: all done!");
  }

  /**
   * {@code trio.run(parent)}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(NurseryExample::parent);
  }
}
