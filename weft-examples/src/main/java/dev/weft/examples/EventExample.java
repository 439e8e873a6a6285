package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.sync.Event;
import java.time.Duration;

/**
 * Seed 001, "Synchronization Primitives", "Event": a listener waits until the main task sets an
 * event.
 *
 * <pre>{@code
 * async def listener(event):
 *     print(f'Waiting for event')
 *     await event.wait()
 *     print(f'Event processed')
 *
 * async def main():
 *     myevent = asyncio.Event()
 *
 *     # Spawn a Task to wait until 'event' is set.
 *     handler = asyncio.create_task(listener(myevent))
 *
 *     # Sleep for 1 second and set the event.
 *     await asyncio.sleep(1)
 *     myevent.set()
 *
 *     # Wait until processing is complete
 *     await handler
 *
 * asyncio.run(main())
 * }</pre>
 *
 * "Waiting for event" at t=0, "Event processed" at t=1. The {@code await handler} is the end of
 * the nursery.
 */
public final class EventExample {
  private EventExample() {}

  /**
   * {@code async def listener(event)}.
   *
   * @param event the event to wait for
   */
  public static void listener(Event event) {
    System.out.println("Waiting for event");
    event.await();
    System.out.println("Event processed");
  }

  /**
   * {@code async def main()}.
   *
   * @throws Exception never in practice; nurseries can rethrow what their tasks threw
   */
  public static void main() throws Exception {
    Event myevent = new Event();

    Nursery.open(n -> {
      // Spawn a task to wait until 'event' is set.
      n.startSoon(() -> listener(myevent), "handler");

      // Sleep for 1 second and set the event.
      Weft.sleep(Duration.ofSeconds(1));
      myevent.set();

      // Wait until processing is complete: the nursery waits for the handler.
    });
  }

  /**
   * {@code asyncio.run(main())}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
  }
}
