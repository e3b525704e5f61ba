package com.amazonaws.xray.jakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.strategy.jakarta.SegmentNamingStrategy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

/** Configuration of the jakarta filter; requests are covered by the container tests. */
class AWSXRayServletFilterTest {

  @Test
  void initWithoutAnyNameRefusesToStart() {
    assertThatThrownBy(() -> new AWSXRayServletFilter().init(config(Collections.emptyMap())))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("fixedName");
    assertThatThrownBy(() -> new AWSXRayServletFilter().init(config(Collections.singletonMap("fixedName", " "))))
        .isInstanceOf(ServletException.class);
  }

  @Test
  void initKeepsAConstructorStrategyWhenThereAreNoParameters() {
    assertThatCode(() -> new AWSXRayServletFilter("svc").init(config(Collections.emptyMap())))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                new AWSXRayServletFilter(SegmentNamingStrategy.dynamic("fallback"))
                    .init(config(Collections.emptyMap())))
        .doesNotThrowAnyException();
  }

  @Test
  void legacyNamePropertiesArePlainProperties() {
    AWSXRayServletFilter filter = new AWSXRayServletFilter("svc");

    assertThat(filter.getSegmentOverrideName()).isNull();
    assertThat(filter.getSegmentDefaultName()).isNull();
    filter.setSegmentOverrideName("override");
    filter.setSegmentDefaultName("default");
    assertThat(filter.getSegmentOverrideName()).isEqualTo("override");
    assertThat(filter.getSegmentDefaultName()).isEqualTo("default");
  }

  @Test
  void requestThatIsNotHttpGetsASegmentThatRecordsNothing() {
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    AWSXRayServletFilter filter = new AWSXRayServletFilter(SegmentNamingStrategy.fixed("svc"), recorder);
    try {
      assertThat(filter.preFilter(null, null)).isInstanceOf(NoOpSegment.class);
      filter.postFilter(null, null);
      assertThat(recorder.getTraceEntity()).isNull();
    } finally {
      recorder.clearTraceEntity();
    }
  }

  private static FilterConfig config(Map<String, String> parameters) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "xray";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }
}
