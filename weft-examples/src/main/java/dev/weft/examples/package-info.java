/**
 * Runnable examples: Trio and asyncio programs from the seed notebooks, ported line for line to
 * weft.
 *
 * <p>Each class mirrors one notebook cell. Its methods keep the Python function names (in
 * camelCase) and print the same lines in the same order at the same times; its {@code
 * main(String[])} does what the cell's {@code trio.run(...)} or {@code asyncio.run(...)} line
 * does. {@link dev.weft.examples.Demos} runs them by name: {@code ./weft demo [NAME]}.
 */
package dev.weft.examples;
