/**
 * weft: structured async concurrency for Java, on virtual threads.
 *
 * <p>The module exports only its API packages: {@code dev.weft} (running a loop, sleeping,
 * nurseries), {@code dev.weft.cancel} (cancel scopes and timeouts), {@code dev.weft.lowlevel}
 * (the park/reschedule protocol, the I/O readiness verbs and the clock SPI, for extending the
 * runtime), {@code dev.weft.sync} (locks, semaphores, events and the other synchronisation
 * primitives), {@code dev.weft.queue} (asyncio's queues), {@code dev.weft.channel} (memory
 * channels and select), {@code dev.weft.asyncio} (asyncio's toolbox: the loop object, futures and
 * tasks, gather, wait, timeouts, streams), {@code dev.weft.thread} (bridges to other threads:
 * CompletionStage interop), {@code dev.weft.stream} (byte stream interfaces) and {@code
 * dev.weft.net} (TCP sockets, clients and servers). Everything under {@code dev.weft.internal} is
 * an implementation detail.
 */
module dev.weft {
  // sun.misc.Signal, for RunConfig.withCancelOnShutdown (SIGINT/SIGTERM)
  requires jdk.unsupported;

  exports dev.weft;
  exports dev.weft.cancel;
  exports dev.weft.lowlevel;
  exports dev.weft.sync;
  exports dev.weft.queue;
  exports dev.weft.channel;
  exports dev.weft.asyncio;
  exports dev.weft.thread;
  exports dev.weft.stream;
  exports dev.weft.net;
}
