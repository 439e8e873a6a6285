package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.net.SocketListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seeds' own Python programs (Trio's echo client and server, from seed 000, unchanged but for
 * the port) against weft's, for real: python3 with trio in a child process, loopback sockets, the
 * real clock (Python's sender sleeps a real second). Skipped, saying why, where python3 or trio is
 * missing. Each exchange is bounded: the test stops the server after two echoes.
 */
class TrioInteropTest {
  static final String MSG = "b'async can sometimes be confusing, but I believe in you!'";

  static List<Engine> engines() {
    return OwnLoop.engines().toList();
  }

  static void assumeTrio() throws Exception {
    boolean ok;
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import trio")
              .redirectErrorStream(true)
              .start();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      p.destroy();
    } catch (java.io.IOException noPython) {
      ok = false;
    }
    Assumptions.assumeTrue(
        ok, "python3 with trio is not installed here (pip install trio): interop test skipped");
  }

  static Path resource(String name) throws Exception {
    return Path.of(TrioInteropTest.class.getResource("/seeds/" + name).toURI());
  }

  static Process python(String program, int port) throws Exception {
    return new ProcessBuilder(
            "python3", "-u", resource("run_seed.py").toString(), resource(program).toString(),
            String.valueOf(port))
        .redirectErrorStream(true)
        .start();
  }

  /** The seed's Python client talks to weft's server, and exits when the server stops. */
  @ParameterizedTest
  @MethodSource("engines")
  void testPythonClientWeftServer(Engine engine) throws Exception {
    assumeTrio();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    CompletableFuture<RunToken> token = new CompletableFuture<>();
    Nursery[] nursery = new Nursery[1];
    Thread server =
        Thread.ofPlatform()
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
                                      n.start(st -> TrioEchoServer.serve(0, st));
                                  token.complete(Scheduling.currentRunToken());
                                  port.complete(ls.get(0).localAddress().getPort());
                                }));
                  } catch (Exception e) {
                    port.completeExceptionally(e);
                  }
                });
    Process client = python("trio_echo_client.py", port.get());
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      int echoes = 0;
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.equals("receiver: got data " + MSG) && ++echoes == 2) {
          token.get().runSyncSoon(() -> nursery[0].cancelScope().cancel()); // stop weft's server
        }
      }
    } finally {
      client.destroy();
      server.join();
    }
    assertEquals(0, client.waitFor(), String.join("\n", lines));
    assertEquals("parent: connecting to 127.0.0.1:" + port.get(), lines.get(0));
    assertTrue(lines.contains("sender: sending " + MSG), String.join("\n", lines));
    assertEquals(
        List.of("receiver: got data b''", "receiver: connection closed"),
        lines.subList(lines.size() - 2, lines.size()),
        String.join("\n", lines));
  }

  /** weft's client talks to the seed's Python server, and exits when the server goes away. */
  @ParameterizedTest
  @MethodSource("engines")
  void testWeftClientPythonServer(Engine engine) throws Exception {
    assumeTrio();
    Process server = python("trio_echo_server.py", 0);
    List<String> serverLines = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("listening "), "python server said: " + first);
      int port = Integer.parseInt(first.substring("listening ".length()));
      Thread watcher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      int received = 0;
                      String line;
                      while ((line = out.readLine()) != null) {
                        serverLines.add(line);
                        // The seed prints "sending data" before it sends; the third "received"
                        // line means the second echo has gone out.
                        if (line.equals("echo_server 0: received data " + MSG) && ++received == 3) {
                          server.destroy(); // the server goes away; the client must exit
                        }
                      }
                    } catch (java.io.IOException e) {
                      // the process ended
                    }
                  });
      List<TimedOutput.Line> lines =
          TimedOutput.capture(
              () -> 0.0,
              () -> {
                try {
                  Weft.run(c -> c.withEngine(engine), () -> TrioEchoClient.parent(port));
                } catch (TrioEchoClient.SystemExit exited) {
                  // sys.exit(): the receiver saw the connection close
                }
              });
      watcher.join();
      List<String> texts = lines.stream().map(TimedOutput.Line::text).toList();
      assertEquals("parent: connecting to 127.0.0.1:" + port, texts.get(0));
      assertTrue(texts.stream().filter(t -> t.equals("receiver: got data " + MSG)).count() >= 2, texts.toString());
      assertEquals(
          List.of("receiver: got data b''", "receiver: connection closed"),
          texts.subList(texts.size() - 2, texts.size()));
      assertEquals("echo_server 0: started", serverLines.get(0));
      assertEquals("echo_server 0: received data " + MSG, serverLines.get(1));
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
