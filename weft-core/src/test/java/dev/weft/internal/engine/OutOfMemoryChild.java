package dev.weft.internal.engine;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import java.util.ArrayList;
import java.util.List;

/**
 * The program {@link OutOfMemoryTest} runs in a child JVM with a small heap: a task that fills the
 * heap between checkpoints, or recurses with a checkpoint at every level (its frames then live on
 * the heap). Prints one line, {@code RESULT ...}, saying how the run ended.
 */
public final class OutOfMemoryChild {
  private static long depth;

  private OutOfMemoryChild() {}

  private static void recurse() {
    depth++;
    Weft.checkpoint();
    recurse();
  }

  private static void fillHeap() {
    List<byte[]> held = new ArrayList<>();
    while (true) {
      held.add(new byte[1 << 20]);
      Weft.checkpoint();
    }
  }

  /**
   * Runs the scenario.
   *
   * @param args the engine (FAST or PORTABLE) and the scenario (fill or recurse)
   */
  public static void main(String[] args) {
    Engine engine = Engine.valueOf(args[0]);
    boolean fill = args[1].equals("fill");
    try {
      Weft.run(
          c -> c.withEngine(engine),
          () -> {
            Nursery.open(
                n ->
                    n.startSoon(
                        () -> {
                          if (fill) {
                            fillHeap();
                          } else {
                            recurse();
                          }
                        }));
            return null;
          });
      System.out.println("RESULT returned");
    } catch (Throwable t) {
      System.out.println("RESULT threw " + t.getClass().getName());
    }
  }
}
