package dev.weft.stress;

import dev.weft.Engine;

/** One adversarial suite: a seeded workload over some primitives, with its own accounting. */
interface Suite {
  /** {@return the suite's name, for the table} */
  String name();

  /**
   * Runs the suite and checks its accounting; throws {@link AssertionError} on any violation.
   *
   * @param engine the engine to run under
   * @param ops how many operations to do (the bounded profile uses fewer than the full one)
   * @param seed the seed of every random choice
   * @return a one-line summary of what was checked, for the table
   * @throws Exception when the run itself fails
   */
  String run(Engine engine, int ops, long seed) throws Exception;
}
