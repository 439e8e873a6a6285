package dev.weft;

/** A child JVM for {@link ShutdownSignalTest}: a run without withCancelOnShutdown. */
public final class ShutdownSignalPlainChild {
  private ShutdownSignalPlainChild() {}

  /**
   * Sleeps in a run until the JVM ends it.
   *
   * @param args unused
   * @throws Exception never
   */
  public static void main(String[] args) throws Exception {
    Weft.run(
        () -> {
          System.out.println("ready");
          Weft.sleepForever();
        });
    System.out.println("after the run");
  }
}
