package dev.weft.bench;

import dev.weft.Engine;
import java.util.List;

/**
 * One macro workload of {@link Macro}: a whole program's worth of work, timed end to end, that
 * reports one or more figures.
 */
@FunctionalInterface
interface Workload {
  /**
   * Runs the workload (warm-up included) on loops of one engine.
   *
   * @param engine the engine every run of the workload uses
   * @return the figures, in the order they are to be printed
   * @throws Exception if a run fails; {@link Macro} then stops with an error
   */
  List<Figure> run(Engine engine) throws Exception;

  /**
   * Runs the workload's JVM peers (the programs DESIGN.md compares it with), once per {@code
   * ./weft bench} run, after weft's engines.
   *
   * @return the peers' figures, in the order they are to be printed; none by default
   * @throws Exception if a peer run fails
   */
  default List<Peer> peers() throws Exception {
    return List.of();
  }

  /**
   * One measured quantity.
   *
   * @param metric the unit and meaning, as printed after {@code metric=} (e.g. {@code
   *     ns_per_task})
   * @param value the value; printed as an integer, as the peer programs print theirs
   */
  record Figure(String metric, long value) {}

  /**
   * One figure of a peer program.
   *
   * @param impl the peer's name, as printed after {@code impl=} (e.g. {@code
   *     jdk_array_blocking_queue})
   * @param figure the figure
   */
  record Peer(String impl, Figure figure) {}
}
