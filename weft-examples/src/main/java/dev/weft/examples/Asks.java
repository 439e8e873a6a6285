package dev.weft.examples;

import dev.weft.thread.CompletionStages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code asks.get(url)} for the seed 002 examples: the JDK's {@link HttpClient}, awaited through
 * weft's CompletionStage bridge, so a cancelled task cancels its request (the JDK then aborts the
 * exchange) and a timeout around it works as around {@code asks.get}.
 *
 * <p>Why the JDK's client: it is asynchronous ({@code sendAsync} returns a {@code
 * CompletableFuture}, so waiting for it is a weft checkpoint on both engines), it cancels, and it
 * is already there. A client on weft's own streams would be closer to asks, but HTTP is not what
 * these examples are about.
 */
public final class Asks {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Asks() {}

  /**
   * {@code await asks.get(url)}: a checkpoint; cancelling the task cancels the request.
   *
   * @param url the URL
   * @return the response, printed as asks prints it: {@code <Response [200]>}
   * @throws Exception if the request fails
   */
  public static String get(String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
    HttpResponse<String> r =
        CompletionStages.await(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    return "<Response [" + r.statusCode() + "]>";
  }
}
