package dev.weft.testing;

import dev.weft.Engine;
import dev.weft.RunConfig;
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
 * The JUnit 5 extension behind {@link WeftTest}: one invocation of the test per engine and
 * scheduling budget, each run as the main task of a loop on a {@link MockClock}.
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
    for (int budget : config.schedulingBudgets()) {
      if (budget < 1) {
        throw new IllegalArgumentException(
            "@WeftTest(schedulingBudgets = ...): every budget must be at least 1, got " + budget);
      }
      for (Engine e : config.engines()) {
        if (only.isEmpty() || only.equals(e.name().toLowerCase(Locale.ROOT))) {
          out.add(new EngineInvocation(e, budget, config.autojump()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "-Dweft.engine=" + only + " excludes every engine this test runs under");
    }
    return out.stream();
  }

  private record EngineInvocation(Engine engine, int budget, boolean autojump)
      implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      String name = engine.name().toLowerCase(Locale.ROOT);
      return budget == RunConfig.DEFAULT_SCHEDULING_BUDGET
          ? "[" + name + "]"
          : "[" + name + ", budget " + budget + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new RunInLoop(engine, budget, new MockClockHolder(autojump)));
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

  private record RunInLoop(Engine engine, int budget, MockClockHolder clock)
      implements InvocationInterceptor, ParameterResolver {
    RunConfig config() {
      return RunConfig.defaults()
          .withClock(clock.get())
          .withEngine(engine)
          .withSchedulingBudget(budget);
    }

    @Override
    public void interceptTestTemplateMethod(
        Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> invocationContext,
        ExtensionContext extensionContext)
        throws Throwable {
      RunConfig config = config();
      Weft.run(
          cfg -> config,
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
      Class<?> type = p.getParameter().getType();
      return type == MockClock.class || type == RunConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      return p.getParameter().getType() == RunConfig.class ? config() : clock.get();
    }
  }
}
