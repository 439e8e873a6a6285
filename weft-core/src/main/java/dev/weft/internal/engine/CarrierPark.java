package dev.weft.internal.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks the current virtual thread by blocking its carrier thread, for when the JDK cannot
 * unmount the virtual thread.
 */
final class CarrierPark {
  private static final String NEVER_LOADED = CarrierPark.class.getName() + "$NeverLoaded";

  /** A class loader whose lookup parks; the JVM calls it from native code, which pins. */
  private static final ClassLoader PARKING_LOADER =
      new ClassLoader(null) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
          LockSupport.park(CarrierPark.class);
          throw new ClassNotFoundException(name);
        }
      };

  private CarrierPark() {}

  /*
   * Implementation notes.
   *
   * LockSupport.park on a virtual thread copies its stack to the heap and frees the carrier. The
   * JDK refuses with StackOverflowError ("Humongous stack chunk") when the stack is too deep to
   * copy, and then the thread cannot wait at all. But a pinned virtual thread (one with a native
   * frame on its stack) parks by blocking its carrier instead, which works at any depth. Java has
   * no public way to pin on purpose, except to be called back from native code: Class.forName with
   * our own loader is a native call, and the JVM calls the loader's loadClass from it. So we park
   * inside loadClass, and then report the class as not found (so that the JVM records nothing and
   * calls us again next time). Like any park, it may return spuriously; the caller loops. It costs
   * a blocked carrier while the task waits, and it is only used after the normal park failed
   * (Turn#await). See StackOverflowTest.
   */

  /** Parks the current thread, blocking its carrier if it is virtual, until unparked. */
  static void park() {
    try {
      Class.forName(NEVER_LOADED, false, PARKING_LOADER);
    } catch (ClassNotFoundException expected) {
      // what the loader always says, after it has parked
    }
  }
}
