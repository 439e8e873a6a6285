package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 10,000 concurrent connections on one loop: a weft echo server in this JVM (the seed's handler:
 * {@code receiveSome(16384)}, {@code sendAll}), and {@link ConnectionHolder} in a child JVM opening
 * the connections, checking one echo on each, and holding them idle. Figures: the connections
 * served at once, and the heap each idle connection costs (after full GCs, before and after).
 */
final class IdleConnectionsWorkload implements Workload {
  static final int CONNECTIONS = 10_000;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    CompletableFuture<RunToken> token = new CompletableFuture<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Nursery[] nursery = new Nursery[1];
    Thread server =
        Thread.ofPlatform()
            .name("idle-connections-server")
            .start(
                () -> {
                  try {
                    Weft.run(
                        c -> c.withEngine(engine),
                        () ->
                            Nursery.open(
                                n -> {
                                  nursery[0] = n;
                                  List<SocketListener> ls =
                                      n.start(
                                          st ->
                                              Tcp.serve(
                                                  s -> handle(s, open, peak), 0, "127.0.0.1", st));
                                  port.complete(ls.get(0).localAddress().getPort());
                                  token.complete(Scheduling.currentRunToken());
                                }));
                  } catch (Exception e) {
                    port.completeExceptionally(e);
                  }
                });
    long before = heapAfterGc();
    List<String> cmd =
        new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ConnectionHolder.class.getName(),
            String.valueOf(port.get()),
            String.valueOf(CONNECTIONS)));
    Process holder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long after;
    int served;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("ready ")) {
        throw new IOException("the connection holder failed: " + ready);
      }
      served = open.get();
      after = heapAfterGc();
    } finally {
      holder.getOutputStream().close();
      holder.waitFor();
    }
    token.get().runSyncSoon(() -> nursery[0].cancelScope().cancel());
    server.join();
    return List.of(
        new Figure("connections_open_at_once", served),
        new Figure("heap_bytes_per_idle_connection", (after - before) / CONNECTIONS));
  }

  private static void handle(SocketStream s, AtomicInteger open, AtomicInteger peak) {
    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    try {
      byte[] data;
      while ((data = s.receiveSome(16384)).length > 0) {
        s.sendAll(data);
      }
    } finally {
      open.decrementAndGet();
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    var mem = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
