package dev.weft.bench;

import dev.weft.Engine;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The engine a weft benchmark method runs on, shared by every JMH benchmark class. */
@State(Scope.Benchmark)
public class EngineState {
  /** The engine, set by JMH from {@code -p engine=...}. */
  @Param({"FAST", "PORTABLE"})
  public Engine engine;

  /** Creates the state; JMH does. */
  public EngineState() {}
}
