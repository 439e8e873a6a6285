/**
 * Running a weft loop and structuring the tasks in it.
 *
 * <p>{@link dev.weft.Weft#run(java.util.concurrent.Callable)} starts a loop; {@link
 * dev.weft.Nursery#open(dev.weft.Nursery.Body)} starts tasks that cannot outlive the block that
 * started them; {@link dev.weft.Weft#sleep(java.time.Duration)} and {@link
 * dev.weft.Weft#checkpoint()} are the basic checkpoints. Cancellation lives in {@link
 * dev.weft.cancel}, the protocol for writing new primitives in {@link dev.weft.lowlevel}.
 */
package dev.weft;
