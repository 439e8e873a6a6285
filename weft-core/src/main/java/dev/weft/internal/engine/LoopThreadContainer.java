package dev.weft.internal.engine;

import static java.lang.classfile.ClassFile.ACC_FINAL;
import static java.lang.classfile.ClassFile.ACC_PRIVATE;
import static java.lang.classfile.ClassFile.ACC_PUBLIC;
import static java.lang.classfile.ClassFile.ACC_STATIC;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The JDK thread container of one fast-engine loop: its task threads are started in it instead of
 * in the JDK's root container, and thread dumps show them under it, named after the loop.
 *
 * <p>Loop thread only, but for {@link #close} and what the JDK calls on the container itself (a
 * thread dump reads its threads from the dumping thread).
 */
final class LoopThreadContainer {
  /** {@code (String, Supplier) -> container}, or null where this JDK has no container to extend. */
  private static final MethodHandle NEW_CONTAINER;

  /** {@code Thread.start(ThreadContainer)}, package-private in java.lang. */
  private static final MethodHandle START_IN;

  /** {@code ThreadContainers.registerContainer} and {@code deregisterContainer}. */
  private static final MethodHandle REGISTER;

  private static final MethodHandle DEREGISTER;

  /** Why there is no container, for the notes of a test; null when there is one. */
  private static final String UNAVAILABLE;

  // immutable state
  private final Object container;
  private final Object registration;

  /*
   * Implementation notes.
   *
   * Why. A virtual thread started with Thread.start() joins the JDK's root thread container, which
   * (with the default jdk.trackAllThreads=true) adds it to one JVM-wide ConcurrentHashMap at start
   * and removes it at exit, so that thread dumps can find it. On a weft loop both happen on the
   * loop thread, for every task: about 30 ns of the 210 a spawned-and-joined task cost (issue 12,
   * spawn_join; measured by running the workload with -Djdk.trackAllThreads=false). The JDK's
   * StructuredTaskScope does not use the root container either: its threads join the scope's own
   * (a ThreadFlock), which is the JDK's model for structured concurrency. A weft loop is that
   * scope, so its tasks join a container of the loop's: starting and ending a task changes
   * nothing shared, and the loop answers a thread dump's question "which threads are yours" from
   * its own task tree (LoopHost#taskThreads).
   *
   * How. jdk.internal.vm.ThreadContainer is not exported, so it cannot be extended at compile time.
   * The fast engine already needs java.lang opened to it (for the virtual-thread scheduler), so
   * the subclass is generated with the class-file API and defined in java.lang, inside java.base,
   * where ThreadContainer is accessible: a hidden class when the lookup allows it, else a plain
   * one. It has two fields (its name and the supplier of its threads) and two static helpers
   * that reach ThreadContainers' registry. Where any of this fails (a JDK whose internals moved),
   * tasks start in the root container as before: the container is an optimisation and a label in
   * thread dumps, never needed for correctness.
   *
   * A container registered with ThreadContainers is held there weakly; close() deregisters it
   * when the loop closes (not after each run: an EventLoop runs again), so a closed loop leaves
   * nothing behind in thread dumps.
   */

  static {
    MethodHandle ctor = null;
    MethodHandle startIn = null;
    MethodHandle register = null;
    MethodHandle deregister = null;
    String why = null;
    try {
      Class<?> base = Class.forName("jdk.internal.vm.ThreadContainer");
      MethodHandles.Lookup inLang =
          MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
      MethodHandles.Lookup inGenerated = defineContainerClass(inLang, base);
      Class<?> generated = inGenerated.lookupClass();
      ctor =
          inGenerated
              .findConstructor(
                  generated, MethodType.methodType(void.class, String.class, Supplier.class))
              .asType(MethodType.methodType(Object.class, String.class, Supplier.class));
      register =
          inGenerated
              .findStatic(generated, "register", MethodType.methodType(Object.class, base))
              .asType(MethodType.methodType(Object.class, Object.class));
      deregister =
          inGenerated.findStatic(
              generated, "deregister", MethodType.methodType(void.class, Object.class));
      Method m = Thread.class.getDeclaredMethod("start", base);
      m.setAccessible(true);
      startIn =
          MethodHandles.lookup()
              .unreflect(m)
              .asType(MethodType.methodType(void.class, Thread.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      why = e.toString();
      ctor = null;
    }
    NEW_CONTAINER = ctor;
    START_IN = startIn;
    REGISTER = register;
    DEREGISTER = deregister;
    UNAVAILABLE = why;
  }

  private LoopThreadContainer(Object container, Object registration) {
    this.container = container;
    this.registration = registration;
  }

  /**
   * Makes and registers a container, or returns null where this JDK cannot have one.
   *
   * @param name the container's name in thread dumps
   * @param threads what it answers when asked for its threads; called from any thread
   * @return the container, or null
   */
  static LoopThreadContainer open(String name, Supplier<Stream<Thread>> threads) {
    if (NEW_CONTAINER == null) {
      return null;
    }
    try {
      Object c = NEW_CONTAINER.invokeExact(name, (Supplier<?>) threads);
      Object key = REGISTER.invokeExact(c);
      return new LoopThreadContainer(c, key);
    } catch (Throwable e) {
      return null;
    }
  }

  /** {@return why this JDK has no loop containers, or null if it has} */
  static String unavailableReason() {
    return UNAVAILABLE;
  }

  /**
   * Starts {@code t} in this container.
   *
   * @param t an unstarted virtual thread
   */
  void start(Thread t) {
    try {
      START_IN.invokeExact(t, container);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot start a fast-engine virtual thread", e);
    }
  }

  /** Takes the container out of the JDK's registry, once its loop has ended. Any thread. */
  void close() {
    try {
      DEREGISTER.invokeExact(registration);
    } catch (Throwable e) {
      // nothing to undo: the registry holds the container weakly and forgets it once collected
    }
  }

  /** Defines the container class in java.lang; returns a lookup with full access to it. */
  private static MethodHandles.Lookup defineContainerClass(
      MethodHandles.Lookup inLang, Class<?> base) throws IllegalAccessException {
    ClassDesc self = ClassDesc.of("java.lang.WeftLoopThreadContainer");
    ClassDesc baseDesc = ClassDesc.of(base.getName());
    ClassDesc supplier = ClassDesc.of(Supplier.class.getName());
    ClassDesc stream = ClassDesc.of(Stream.class.getName());
    ClassDesc containers = ClassDesc.of("jdk.internal.vm.ThreadContainers");
    byte[] bytes =
        ClassFile.of()
            .build(
                self,
                cb ->
                    cb.withFlags(ACC_PUBLIC | ACC_FINAL)
                        .withSuperclass(baseDesc)
                        .withField("name", CD_String, ACC_PRIVATE | ACC_FINAL)
                        .withField("threads", supplier, ACC_PRIVATE | ACC_FINAL)
                        .withMethodBody(
                            "<init>",
                            MethodTypeDesc.of(CD_void, CD_String, supplier),
                            ACC_PUBLIC,
                            b ->
                                b.aload(0)
                                    .iconst_1()
                                    .invokespecial(
                                        baseDesc, "<init>", MethodTypeDesc.of(CD_void, CD_boolean))
                                    .aload(0)
                                    .aload(1)
                                    .putfield(self, "name", CD_String)
                                    .aload(0)
                                    .aload(2)
                                    .putfield(self, "threads", supplier)
                                    .return_())
                        .withMethodBody(
                            "name",
                            MethodTypeDesc.of(CD_String),
                            ACC_PUBLIC,
                            b -> b.aload(0).getfield(self, "name", CD_String).areturn())
                        .withMethodBody(
                            "threads",
                            MethodTypeDesc.of(stream),
                            ACC_PUBLIC,
                            b ->
                                b.aload(0)
                                    .getfield(self, "threads", supplier)
                                    .invokeinterface(
                                        supplier, "get", MethodTypeDesc.of(CD_Object))
                                    .checkcast(stream)
                                    .areturn())
                        .withMethodBody(
                            "register",
                            MethodTypeDesc.of(CD_Object, baseDesc),
                            ACC_PUBLIC | ACC_STATIC,
                            b ->
                                b.aload(0)
                                    .invokestatic(
                                        containers,
                                        "registerContainer",
                                        MethodTypeDesc.of(CD_Object, baseDesc))
                                    .areturn())
                        .withMethodBody(
                            "deregister",
                            MethodTypeDesc.of(CD_void, CD_Object),
                            ACC_PUBLIC | ACC_STATIC,
                            b ->
                                b.aload(0)
                                    .invokestatic(
                                        containers,
                                        "deregisterContainer",
                                        MethodTypeDesc.of(CD_void, CD_Object))
                                    .return_()));
    try {
      return inLang.defineHiddenClass(bytes, true);
    } catch (IllegalAccessException e) {
      // privateLookupIn from another module drops MODULE access, which a hidden class needs;
      // a plain class needs only PACKAGE access. It can be defined once per JVM.
      Class<?> c;
      try {
        c = Class.forName("java.lang.WeftLoopThreadContainer", false, null);
      } catch (ClassNotFoundException notYet) {
        c = inLang.defineClass(bytes);
      }
      return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
    }
  }
}
