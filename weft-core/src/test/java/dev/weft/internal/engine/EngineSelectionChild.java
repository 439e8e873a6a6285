package dev.weft.internal.engine;

import dev.weft.Engine;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.EventLoop;

/** The child JVM of {@link EngineSelectionTest}: tries to start loops and prints what happened. */
public final class EngineSelectionChild {
  private EngineSelectionChild() {}

  /**
   * Starts a default run, a default manual loop and a portable run, printing each outcome.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try {
      System.out.println("default run: " + Weft.run(() -> "ran"));
    } catch (Exception e) {
      System.out.println("default run failed: " + e);
    }
    try {
      EventLoop loop = EventLoop.open(RunConfig.defaults());
      loop.close();
      System.out.println("default loop: opened");
    } catch (Exception e) {
      System.out.println("default loop failed: " + e);
    }
    try {
      System.out.println(
          "portable run: " + Weft.run(c -> c.withEngine(Engine.PORTABLE), () -> "ran"));
    } catch (Exception e) {
      System.out.println("portable run failed: " + e);
    }
  }
}
