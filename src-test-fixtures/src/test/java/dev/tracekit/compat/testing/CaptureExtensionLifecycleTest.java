package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small test classes (the static nested fixtures, which surefire itself skips) through the
 * JUnit Platform to see what the extensions do before, between and after them.
 */
class CaptureExtensionLifecycleTest {
  /** Set while a fixture runs here, so that the fixtures do nothing when a build runs them directly. */
  static final String FIXTURE_FLAG = "dev.tracekit.compat.testing.runFixtures";
  static final List<OtlpCollector> SEEN = Collections.synchronizedList(new ArrayList<>());
  static final List<String> ENDPOINTS = Collections.synchronizedList(new ArrayList<>());
  static final List<XRayDaemonCapture> CAPTURES = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void reset() {
    SEEN.clear();
    ENDPOINTS.clear();
    CAPTURES.clear();
    System.clearProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY);
    System.clearProperty(OtlpCollectorExtension.API_KEY_PROPERTY);
    System.clearProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY);
  }

  @Test
  void staticExtensionServesTheClassAndNestedClassesThenStopsAndRestoresProperties() {
    System.setProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY, "https://before.example/v1/traces");

    assertAllPass(run(StaticFixture.class), 3);

    assertThat(SEEN).hasSize(3);
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertThat(SEEN.get(2)).isSameAs(SEEN.get(0));
    assertThat(ENDPOINTS).containsOnly(SEEN.get(0).getEndpoint());
    assertThat(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY))
        .isEqualTo("https://before.example/v1/traces");
    assertThat(System.getProperty(OtlpCollectorExtension.API_KEY_PROPERTY)).isNull();
    assertStopped(SEEN.get(0));
  }

  @Test
  void instanceExtensionGivesEachTestItsOwnCollector() {
    assertAllPass(run(InstanceFixture.class), 2);

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertThat(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY)).isNull();
    assertStopped(SEEN.get(0));
    assertStopped(SEEN.get(1));
  }

  @Test
  void extendWithInjectsTheCollectorIntoConstructorsAndMethods() {
    assertAllPass(run(ExtendWithFixture.class), 1);

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertStopped(SEEN.get(0));
  }

  @Test
  void withoutTraceKitPropertiesLeavesThemAlone() {
    assertAllPass(run(NoPropertiesFixture.class), 1);

    assertThat(ENDPOINTS).containsExactly("unset");
  }

  @Test
  void daemonCaptureExtensionSetsTheDaemonAddressThenRestoresIt() {
    System.setProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY, "10.0.0.1:2000");

    assertAllPass(run(DaemonFixture.class), 1);

    assertThat(CAPTURES).hasSize(1);
    assertThat(System.getProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY)).isEqualTo("10.0.0.1:2000");
  }

  private static TestExecutionSummary run(Class<?> fixture) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    System.setProperty(FIXTURE_FLAG, "true");
    try {
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
    } finally {
      System.clearProperty(FIXTURE_FLAG);
    }
    return listener.getSummary();
  }

  private static void assertAllPass(TestExecutionSummary summary, int tests) {
    summary.getFailures().forEach(f -> {
      throw new AssertionError("fixture test failed: " + f.getTestIdentifier().getDisplayName(), f.getException());
    });
    assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
  }

  private static void assertStopped(OtlpCollector collector) {
    Request request =
        new Request.Builder()
            .url(collector.getEndpoint())
            .post(RequestBody.create(new byte[0], MediaType.get("application/x-protobuf")))
            .build();
    assertThatThrownBy(() -> {
          try (Response ignored = new OkHttpClient().newCall(request).execute()) {
            // a response means the collector still listens
          }
        })
        .isInstanceOf(IOException.class);
  }

  @EnabledIfSystemProperty(named = FIXTURE_FLAG, matches = "true")
  static class StaticFixture {
    @RegisterExtension static final OtlpCollectorExtension collector = new OtlpCollectorExtension();

    @Test
    void first() {
      SEEN.add(collector.getCollector());
      ENDPOINTS.add(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY));
      assertThat(System.getProperty(OtlpCollectorExtension.API_KEY_PROPERTY))
          .isEqualTo(OtlpCollectorExtension.TEST_API_KEY);
    }

    @Test
    void second() {
      SEEN.add(collector.getCollector());
      ENDPOINTS.add(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY));
    }

    @Nested
    class Inner {
      @Test
      void nested(OtlpCollector injected) {
        SEEN.add(injected);
        ENDPOINTS.add(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY));
      }
    }
  }

  @EnabledIfSystemProperty(named = FIXTURE_FLAG, matches = "true")
  static class InstanceFixture {
    @RegisterExtension final OtlpCollectorExtension collector = new OtlpCollectorExtension();

    @Test
    void first() {
      SEEN.add(collector.getCollector());
    }

    @Test
    void second() {
      SEEN.add(collector.getCollector());
    }
  }

  @EnabledIfSystemProperty(named = FIXTURE_FLAG, matches = "true")
  @ExtendWith(OtlpCollectorExtension.class)
  static class ExtendWithFixture {
    ExtendWithFixture(OtlpCollector collector) {
      SEEN.add(collector);
    }

    @Test
    void injected(OtlpCollector collector) {
      SEEN.add(collector);
      assertThat(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY))
          .isEqualTo(collector.getEndpoint());
    }
  }

  @EnabledIfSystemProperty(named = FIXTURE_FLAG, matches = "true")
  static class NoPropertiesFixture {
    @RegisterExtension
    static final OtlpCollectorExtension collector = new OtlpCollectorExtension().withoutTraceKitProperties();

    @Test
    void test() {
      ENDPOINTS.add(System.getProperty(OtlpCollectorExtension.ENDPOINT_PROPERTY, "unset"));
    }
  }

  @EnabledIfSystemProperty(named = FIXTURE_FLAG, matches = "true")
  static class DaemonFixture {
    @RegisterExtension static final XRayDaemonCaptureExtension daemon = new XRayDaemonCaptureExtension();

    @Test
    void test(XRayDaemonCapture injected) {
      assertThat(injected).isSameAs(daemon.getCapture());
      assertThat(System.getProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY))
          .isEqualTo(injected.getDaemonAddress());
      CAPTURES.add(injected);
    }
  }
}
