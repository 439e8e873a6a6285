package dev.weft.examples;

import dev.weft.TaskStatus;
import dev.weft.Weft;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for {@code https://httpbin.org/delay/N}, on weft's TCP streams: a minimal
 * HTTP/1.1 server that answers {@code GET /delay/N} after N seconds (on the loop's clock) with
 * httpbin's kind of JSON body, and anything else with 404. One request per connection ({@code
 * Connection: close}). Seed 002's {@code asks} examples start it in their nursery.
 */
public final class HttpbinServer {
  private static final Pattern REQUEST_LINE = Pattern.compile("^GET /delay/(\\d+) HTTP/1\\.[01]\r\n");

  private HttpbinServer() {}

  /**
   * Serves on 127.0.0.1 on a free port until cancelled; for {@code nursery.start}.
   *
   * @param status receives the listener
   * @throws Exception what stopped the server
   */
  public static void serve(TaskStatus<? super List<SocketListener>> status) throws Exception {
    Tcp.serve(HttpbinServer::handle, 0, "127.0.0.1", status);
  }

  /**
   * One connection: reads the request head, waits the delay, answers.
   *
   * @param s the connection
   */
  static void handle(SocketStream s) {
    try {
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        byte[] b = s.receiveSome(4096);
        if (b.length == 0) {
          return;
        }
        head.append(new String(b, StandardCharsets.ISO_8859_1));
      }
      Matcher m = REQUEST_LINE.matcher(head);
      if (!m.find()) {
        respond(s, "404 NOT FOUND", "{\"error\": \"only GET /delay/N is served here\"}");
        return;
      }
      int delay = Math.min(10, Integer.parseInt(m.group(1))); // httpbin caps it at 10 s
      Weft.sleep(Duration.ofSeconds(delay));
      respond(s, "200 OK", "{\"url\": \"http://127.0.0.1/delay/" + delay + "\", \"delay\": " + delay + "}");
    } catch (RuntimeException clientGone) {
      // The client gave up (its request was cancelled): nothing to answer.
    }
  }

  private static void respond(SocketStream s, String status, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length + "\r\nConnection: close\r\n\r\n";
    s.sendAll(head.getBytes(StandardCharsets.ISO_8859_1));
    s.sendAll(body);
  }
}
