package com.amazonaws.xray.plugins;

import static com.amazonaws.xray.plugins.PluginTestSupport.CONTAINER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container ids from cgroup files, found as the X-Ray SDK 2.21.0 finds them (observed). */
class PluginSupportTest {
  @TempDir Path dir;

  @Test
  void theContainerIdIsTheEndOfTheFirstLineLongerThanAnId() throws Exception {
    assertThat(containerId("12:memory:/docker/" + CONTAINER_ID + "\n")).isEqualTo(CONTAINER_ID);
    assertThat(containerId("9:perf_event:/ecs/5a0d5ceddf6c44c1928d367a815d890f/" + CONTAINER_ID))
        .isEqualTo(CONTAINER_ID);
    assertThat(containerId("1:cpu:/\n2:cpuacct:/kubepods/pod1/" + CONTAINER_ID + "\n3:x:/\n"))
        .isEqualTo(CONTAINER_ID);
    assertThat(containerId("1:name=systemd:/docker/" + CONTAINER_ID + "\r\n"))
        .isEqualTo(CONTAINER_ID);
    assertThat(containerId("short\n4:memory:/a/" + CONTAINER_ID.substring(0, 60) + "\n"))
        .isEqualTo(":/a/" + CONTAINER_ID.substring(0, 60));
  }

  @Test
  void noLongLineOrNoFileMeansNoContainerId() throws Exception {
    assertThat(containerId("0::/\n")).isNull();
    assertThat(containerId("")).isNull();
    assertThat(PluginSupport.containerId(dir.resolve("missing"))).isNull();
  }

  @Test
  void settingsPreferTheSystemProperty() {
    String property = PluginSupport.PROPERTY_PREFIX + "test.setting";
    try {
      assertThat(PluginSupport.setting(property, "PATH")).isEqualTo(System.getenv("PATH"));
      System.setProperty(property, "  from-property ");
      assertThat(PluginSupport.setting(property, "PATH")).isEqualTo("from-property");
      System.setProperty(property, " ");
      assertThat(PluginSupport.setting(property, null)).isNull();
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberFallsBackToTheDefault() {
    try {
      System.setProperty(PluginSupport.TIMEOUT_PROPERTY, "500");
      assertThat(PluginSupport.timeoutMillis()).isEqualTo(500);
      System.setProperty(PluginSupport.TIMEOUT_PROPERTY, "-1");
      assertThat(PluginSupport.timeoutMillis()).isEqualTo(PluginSupport.DEFAULT_TIMEOUT_MILLIS);
      System.setProperty(PluginSupport.TIMEOUT_PROPERTY, "soon");
      assertThat(PluginSupport.timeoutMillis()).isEqualTo(PluginSupport.DEFAULT_TIMEOUT_MILLIS);
    } finally {
      System.clearProperty(PluginSupport.TIMEOUT_PROPERTY);
    }
  }

  private String containerId(String cgroup) throws Exception {
    return PluginSupport.containerId(PluginTestSupport.write(dir.resolve("cgroup"), cgroup));
  }
}
