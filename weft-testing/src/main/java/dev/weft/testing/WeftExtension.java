package dev.weft.testing;

import dev.weft.Engine;
import dev.weft.Weft;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WeftTest}: one invocation of the test per engine, each run
 * as the main task of a loop on a {@link MockClock}.
 */
public final class WeftExtension implements TestTemplateInvocationContextProvider {
  /** Creates the extension; JUnit does this through {@link WeftTest}. */
  public WeftExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(WeftTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    WeftTest config =
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), WeftTest.class)
            .orElseThrow();
    String only = System.getProperty("weft.engine", "").trim().toLowerCase(Locale.ROOT);
    List<TestTemplateInvocationContext> out = new ArrayList<>();
    for (Engine e : config.engines()) {
      if (only.isEmpty() || only.equals(e.name().toLowerCase(Locale.ROOT))) {
        out.add(new EngineInvocation(e, config.autojump()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "-Dweft.engine=" + only + " excludes every engine this test runs under");
    }
    return out.stream();
  }

  private record EngineInvocation(Engine engine, boolean autojump)
      implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + engine.name().toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new RunInLoop(engine, new MockClockHolder(autojump)));
    }
  }

  /** Holds the invocation's clock, made on first use. */
  private static final class MockClockHolder {
    private final boolean autojump;
    private MockClock clock;

    MockClockHolder(boolean autojump) {
      this.autojump = autojump;
    }

    MockClock get() {
      if (clock == null) {
        clock = autojump ? MockClock.autojumping() : new MockClock();
      }
      return clock;
    }
  }

  private record RunInLoop(Engine engine, MockClockHolder clock)
      implements InvocationInterceptor, ParameterResolver {
    @Override
    public void interceptTestTemplateMethod(
        Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> invocationContext,
        ExtensionContext extensionContext)
        throws Throwable {
      MockClock c = clock.get();
      Weft.run(
          cfg -> cfg.withClock(c).withEngine(engine),
          () -> {
            try {
              invocation.proceed();
            } catch (Exception | Error e) {
              throw e;
            } catch (Throwable t) {
              throw new AssertionError(t);
            }
          });
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
      return p.getParameter().getType() == MockClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      return clock.get();
    }
  }
}
