/**
 * Test support for weft (test scope only): a virtual {@link dev.weft.testing.MockClock}, the
 * {@link dev.weft.testing.WeftTest} JUnit 5 extension that runs a test method inside a loop once
 * per engine, and assertion helpers ({@link dev.weft.testing.Checkpoints}, {@link
 * dev.weft.testing.Trace}).
 */
module dev.weft.testing {
  requires transitive dev.weft;
  requires static transitive org.junit.jupiter.api;

  exports dev.weft.testing;
}
