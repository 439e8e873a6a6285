package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Block;
import dev.weft.ClosedResourceException;
import dev.weft.RunConfig;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed's channel programs print, under weft's default scheduling policy and under Trio's
 * (a budget of 1), an order that real Trio prints for the same program.
 *
 * <p>Seed 002 never shows these programs' output, and Trio's own output is not fixed: it runs each
 * batch of runnable tasks in a random order. {@code weft-examples/trio/record_orders.py} ran each
 * program 20,000 times under Trio 0.22.2 and recorded every distinct output in {@code
 * src/test/resources/trio-orders/}; these tests hold weft's output beside that record. Before ADR
 * 0011, the default policy printed orders Trio never printed for three of the four programs (a
 * consumer took two producers' parked messages in a row, or one consumer took five of six
 * messages), and {@code ChannelTwoConsumers} failed with {@code ClosedResourceException}, which
 * Trio never did in those runs.
 */
class TrioOrdersTest {
  /** Every order Trio printed for {@code name}: each is the program's lines joined by newlines. */
  private static Set<String> trioOrders(String name) throws IOException {
    try (InputStream in = TrioOrdersTest.class.getResourceAsStream("/trio-orders/" + name + ".txt")) {
      assertTrue(in != null, "no recorded Trio orders for " + name);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Set<String> orders = new LinkedHashSet<>();
      for (String block : text.split("(?m)^== \\d+ runs\n")) {
        if (!block.startsWith("#")) {
          orders.add(block.strip());
        }
      }
      return orders;
    }
  }

  private static void assertPrintsATrioOrder(String name, Block program) throws Exception {
    String printed =
        TimedOutput.capture(program).stream()
            .map(TimedOutput.Line::text)
            .collect(Collectors.joining("\n"));
    Set<String> orders = trioOrders(name);
    assertTrue(
        orders.contains(printed),
        name + " printed an order Trio never printed in " + orders.size() + " recorded orders:\n"
            + printed);
  }

  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void channel() throws Exception {
    assertPrintsATrioOrder("channel", ChannelExample::main);
  }

  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void channelTwoConsumers() throws Exception {
    assertPrintsATrioOrder("channel-two-consumers", ChannelTwoConsumers::main);
  }

  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void channelTwoProducers() throws Exception {
    assertPrintsATrioOrder("channel-two-producers", ChannelTwoProducers::main);
  }

  /**
   * Practice 2, two producers sharing one send end: Trio sometimes fails with {@code
   * ClosedResourceError} (half of its recorded orders end so); weft's output, a failure included,
   * is one of Trio's under either policy.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void channelTwoProducersShared() throws Exception {
    assertPrintsATrioOrder(
        "channel-two-producers-shared",
        () -> {
          try {
            ChannelTwoProducersTest.sharedSendEnd();
          } catch (ClosedResourceException e) {
            System.out.println("raised ClosedResourceError");
          }
        });
  }

  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void channelFanOut() throws Exception {
    assertPrintsATrioOrder("channel-fan-out", ChannelFanOut::main);
  }

  /** The record itself is what the tests above rely on: several orders for each program. */
  @WeftTest
  void theRecordHoldsSeveralOrdersPerProgram() throws Exception {
    for (String name :
        List.of(
            "channel",
            "channel-two-consumers",
            "channel-two-producers-shared",
            "channel-two-producers",
            "channel-fan-out")) {
      assertTrue(trioOrders(name).size() >= 4, name);
    }
  }
}
