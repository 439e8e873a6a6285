"""Records every order in which real Trio prints the seed's channel programs (seed 002).

Trio runs each batch of runnable tasks in a random order (it reverses the batch half of the
time), so a Trio program with several tasks has several possible outputs. This script runs each
program of seed 002's "Tasks communication" section many times under real Trio and writes every
distinct output it saw, with how often, to ../src/test/resources/trio-orders/NAME.txt.
TrioOrdersTest then checks that the weft port prints one of them, under every scheduling policy.

Usage (Trio 0.22 or later): python3 record_orders.py [RUNS]
"""
import collections
import contextlib
import io
import os
import sys

import trio


async def producer(send_channel, id=None):
    async with send_channel:
        for i in range(3):
            if id is None:
                print(f"sending a message: {i}")
                await send_channel.send(f"message {i}")
            else:
                print(f"producer {id}: sending a message: {i}")
                await send_channel.send(f"message {i} from producer {id}")


async def consumer(receive_channel, id=None):
    async with receive_channel:
        async for value in receive_channel:
            if id is None:
                print(f"got value {value!r}")
            else:
                print(f"consumer {id}: got value {value!r}")


async def channel():
    """The seed's program: one producer, one consumer."""
    async with trio.open_nursery() as nursery:
        send_channel, receive_channel = trio.open_memory_channel(0)
        nursery.start_soon(producer, send_channel)
        nursery.start_soon(consumer, receive_channel)


async def channel_two_consumers():
    """Practice 1: two consumers with IDs, sharing the receive end."""
    async with trio.open_nursery() as nursery:
        send_channel, receive_channel = trio.open_memory_channel(0)
        nursery.start_soon(producer, send_channel)
        nursery.start_soon(consumer, receive_channel, 1)
        nursery.start_soon(consumer, receive_channel, 2)


async def channel_two_producers_shared():
    """Practice 2: two producers sharing one send end ("occasionally some errors")."""
    async with trio.open_nursery() as nursery:
        send_channel, receive_channel = trio.open_memory_channel(0)
        nursery.start_soon(producer, send_channel, 1)
        nursery.start_soon(producer, send_channel, 2)
        nursery.start_soon(consumer, receive_channel)


async def channel_two_producers():
    """Practice 2.1: two producers, each with a clone of the send end."""
    async with trio.open_nursery() as nursery:
        send_channel, receive_channel = trio.open_memory_channel(0)
        async with send_channel:
            nursery.start_soon(producer, send_channel.clone(), 1)
            nursery.start_soon(producer, send_channel.clone(), 2)
        nursery.start_soon(consumer, receive_channel)


async def channel_fan_out():
    """Practice 3: two producers and two consumers, each with a clone."""
    async with trio.open_nursery() as nursery:
        send_channel, receive_channel = trio.open_memory_channel(0)
        async with send_channel, receive_channel:
            nursery.start_soon(producer, send_channel.clone(), 1)
            nursery.start_soon(producer, send_channel.clone(), 2)
            nursery.start_soon(consumer, receive_channel.clone(), 1)
            nursery.start_soon(consumer, receive_channel.clone(), 2)


def record(program, runs):
    seen = collections.Counter()
    for _ in range(runs):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                trio.run(program)
                end = ""
            except BaseException as e:  # noqa: BLE001 - an error is an outcome too
                # A nursery wraps a child's error in a group on newer Trio: name the leaf.
                while getattr(e, "exceptions", None):
                    e = e.exceptions[0]
                end = f"raised {type(e).__name__}\n"
        seen[out.getvalue() + end] += 1
    return seen


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "src", "test", "resources", "trio-orders")
    for program in (
        channel,
        channel_two_consumers,
        channel_two_producers_shared,
        channel_two_producers,
        channel_fan_out,
    ):
        seen = record(program, runs)
        name = program.__name__.replace("_", "-")
        with open(os.path.join(target, name + ".txt"), "w") as f:
            f.write(f"# {name}: every order Trio {trio.__version__} printed in {runs} runs\n")
            for text, count in seen.most_common():
                f.write(f"== {count} runs\n{text}")
        print(name, len(seen), "orders")


if __name__ == "__main__":
    main()
