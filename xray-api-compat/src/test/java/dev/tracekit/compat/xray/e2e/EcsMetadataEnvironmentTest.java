package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ECS container metadata address ({@code ECS_CONTAINER_METADATA_URI}, which a JVM cannot set
 * for itself) as the ECS plugin reads it: the same probe runs in a fresh JVM on the real SDK and on
 * the shim. Where the real plugin throws into the app (an address that is not a URL), the shim's
 * records nothing and warns, and the recorder is built; migration guide §5 lists it.
 */
class EcsMetadataEnvironmentTest {
  private static final String ENV = "ECS_CONTAINER_METADATA_URI";
  private static final List<String> LINES =
      Arrays.asList("PLUGIN", "ENABLED", "ORIGIN", "RECORDER", "WARNED");

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "http://127.0.0.1:9/v3/container", "https://127.0.0.1:9/v3/container"})
  void anAddressThePluginCanUseIsReadLikeTheRealSdk(String address) throws Exception {
    Map<String, String> real = probe(true, address.isEmpty() ? null : address);
    Map<String, String> shim = probe(false, address.isEmpty() ? null : address);
    assertThat(real.get("PLUGIN")).isEqualTo("no exception");
    // Both warn that nothing answers at that address; neither warns without one.
    assertThat(shim).isEqualTo(real);
  }

  @Test
  void anAddressThatIsNotAUrlFailsTheRealPluginButOnlyWarnsOnTheShim() throws Exception {
    Map<String, String> real = probe(true, "not a url");
    Map<String, String> shim = probe(false, "not a url");
    assertThat(real.get("PLUGIN")).isEqualTo("threw java.lang.IllegalArgumentException");
    assertThat(shim.get("PLUGIN")).isEqualTo("no exception");
    assertThat(shim.get("ENABLED")).isEqualTo("false");
    assertThat(shim.get("WARNED")).isEqualTo("true");
    // What the app then does is the same: a recorder without ECS data.
    assertThat(shim.get("ORIGIN")).isEqualTo(real.get("ORIGIN")).isEqualTo("null");
    assertThat(shim.get("RECORDER")).isEqualTo(real.get("RECORDER")).isEqualTo("no exception");
  }

  private static Map<String, String> probe(boolean real, String address) throws Exception {
    ChildJvm jvm = real
        ? XRayReference.REAL.childJvm("legacyapp.EcsMetadataProbe")
        : XRayReference.SHIM.childJvm("legacyapp.EcsMetadataProbe");
    if (address != null) {
      jvm.env(ENV, address);
    }
    ChildJvm.Result run = jvm.run("ecs-metadata-" + (real ? "real" : "shim")).assertSucceeded();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : LINES) {
      out.put(line, run.output.contains(line + " ") ? run.line(line) : null);
    }
    return out;
  }
}
