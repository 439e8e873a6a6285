package dev.weft.examples.readme;

import dev.weft.TaskStatus;
import dev.weft.channel.MemoryChannel;
import dev.weft.lowlevel.Task;
import dev.weft.net.SocketStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the README's Java snippets take for granted: the helpers and variables their prose talks
 * about ({@code fetch}, {@code slowCall}, an {@code account}, ...). ReadmeSnippetsTest compiles
 * each snippet as the body of a subclass of this one, so a snippet's own code is compiled exactly
 * as written. Nothing here is run.
 */
@SuppressWarnings({"unused", "UnusedReturnValue"})
public class ReadmeContext {
  /** A stand-in for some work that returns a string. */
  protected static String fetch(String what) {
    return what;
  }

  /** A stand-in for some work that returns a string. */
  protected static String fetch() {
    return "";
  }

  /** A stand-in for slow work. */
  protected static void slowCall() {}

  /** A stand-in for a clean-up. */
  protected static void cleanUp() {}

  /** A stand-in for a download. */
  protected static void download(String url) {}

  /** A stand-in for saving something. */
  protected static String save(String what) {
    return what;
  }

  /** A server that reports its port through {@code status}. */
  protected static void serve(TaskStatus<Integer> status) {
    status.started(8080);
  }

  /** A bank account for the lock example. */
  protected static final class Account {
    /** The balance. */
    public int balance;
  }

  /** A job with a priority, for the queue example. */
  protected record Job(int priority) {}

  /** An application's entry points (not named Server: asyncio has a Server type). */
  protected static final class App {
    private App() {}

    /** Serves until cancelled. */
    public static void serve() throws Exception {}

    /** Echoes one connection. */
    public static void echo(SocketStream stream) throws Exception {}
  }

  protected final Account account = new Account();
  protected final String url = "http://localhost/";
  protected final List<String> items = new ArrayList<>();
  protected final String x = "x";
  protected final Object job = new Object();
  protected final Random random = new Random(1);
  protected final ArrayDeque<Task> waiters = new ArrayDeque<>();
  protected Task task;
  protected final Object value = null;
  protected final String record = "record";
  protected final HttpClient client = HttpClient.newHttpClient();
  protected final HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
  protected final MemoryChannel<String> channel = MemoryChannel.open(0);
  protected final MemoryChannel<String> ordersChannel = MemoryChannel.open(8);
  protected final MemoryChannel<String> alertsChannel = MemoryChannel.open(8);
  protected final MemoryChannel<String> logChannel = MemoryChannel.open(8);
  protected dev.weft.Nursery nursery;
}
