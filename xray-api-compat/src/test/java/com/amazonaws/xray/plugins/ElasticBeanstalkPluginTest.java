package com.amazonaws.xray.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elastic Beanstalk plugin with its configuration file in a temp folder. Expected runtime
 * contexts (values and their Java types) are what the X-Ray SDK 2.21.0 produced for the same file.
 */
class ElasticBeanstalkPluginTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(ElasticBeanstalkPlugin.CONFIG_PATH_PROPERTY);
  }

  @Test
  void theRuntimeContextIsTheConfigurationObject() throws Exception {
    Path config =
        PluginTestSupport.write(
            dir.resolve("environment.conf"),
            "{\"deployment_id\":23,\"version_label\":\"app-v1\",\"environment_name\":\"my-env\","
                + "\"extra\":{\"a\":[1,true]},\"f\":1.5,\"big\":12345678901}");
    ElasticBeanstalkPlugin plugin = new ElasticBeanstalkPlugin(config);

    assertThat(plugin.isEnabled()).isTrue();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("a", Arrays.<Object>asList(1, true));
    assertThat(plugin.getRuntimeContext())
        .containsOnlyKeys("deployment_id", "version_label", "environment_name", "extra", "f", "big")
        .containsEntry("deployment_id", 23)
        .containsEntry("version_label", "app-v1")
        .containsEntry("environment_name", "my-env")
        .containsEntry("extra", extra)
        .containsEntry("f", 1.5)
        .containsEntry("big", 12345678901L);
    assertThat(plugin.getRuntimeContext().get("deployment_id")).isInstanceOf(Integer.class);
    assertThat(plugin.getLogReferences()).isEmpty();
  }

  @Test
  void isDisabledWithoutTheFile() {
    ElasticBeanstalkPlugin plugin = new ElasticBeanstalkPlugin(dir.resolve("missing.conf"));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(plugin.getRuntimeContext()).isEmpty();
  }

  @Test
  void aMalformedFileGivesAnEmptyRuntimeContext() throws Exception {
    for (String content : new String[] {"garbage{", "[1,2]", "{}", ""}) {
      Path config = PluginTestSupport.write(dir.resolve("environment.conf"), content);
      ElasticBeanstalkPlugin plugin = new ElasticBeanstalkPlugin(config);

      assertThat(plugin.isEnabled()).isTrue();
      assertThat(plugin.getRuntimeContext()).as(content).isEmpty();
    }
  }

  @Test
  void aDirectoryInPlaceOfTheFileGivesAnEmptyRuntimeContext() throws Exception {
    Path config = Files.createDirectories(dir.resolve("environment.conf"));

    assertThat(new ElasticBeanstalkPlugin(config).getRuntimeContext()).isEmpty();
  }

  @Test
  void theConfigPathPropertyOverridesTheDefault() throws Exception {
    Path config =
        PluginTestSupport.write(dir.resolve("env.conf"), "{\"version_label\":\"from-property\"}");
    System.setProperty(ElasticBeanstalkPlugin.CONFIG_PATH_PROPERTY, config.toString());

    ElasticBeanstalkPlugin plugin = new ElasticBeanstalkPlugin();

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(plugin.getRuntimeContext())
        .isEqualTo(Collections.singletonMap("version_label", "from-property"));
  }

  @Test
  void pluginsAreEqualByOriginAsInTheXraySdk() {
    assertThat(ElasticBeanstalkPlugin.ORIGIN).isEqualTo("AWS::ElasticBeanstalk::Environment");
    assertThat(new ElasticBeanstalkPlugin().getServiceName()).isEqualTo("elastic_beanstalk");
    assertThat(new ElasticBeanstalkPlugin()).isEqualTo(new ElasticBeanstalkPlugin());
    assertThat(new ElasticBeanstalkPlugin().hashCode())
        .isEqualTo(ElasticBeanstalkPlugin.ORIGIN.hashCode());
  }
}
