package dev.tracekit.compat.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {
  @Test
  void arrayValuesBecomeImmutableListsEqualToOtherLists() {
    String[] source = {"a", null, "c"};
    List<String> strings = AttributeValues.listOf(source);
    source[0] = "changed";

    assertThat(strings).containsExactly("a", "", "c");
    assertThat(strings).isEqualTo(Arrays.asList("a", "", "c"));
    assertThat(strings.hashCode()).isEqualTo(Arrays.asList("a", "", "c").hashCode());
    assertThat(strings.toString()).isEqualTo("[a, , c]");
    assertThat(AttributeValues.listOf(new long[] {1, -2})).containsExactly(1L, -2L);
    assertThat(AttributeValues.listOf(new double[] {0.5})).containsExactly(0.5);
    assertThat(AttributeValues.listOf(new boolean[] {true, false})).containsExactly(true, false);
    assertThat(AttributeValues.listOf((String[]) null)).isNull();
    assertThatThrownBy(() -> strings.add("d")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> strings.set(0, "d")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> strings.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aWrappedArrayIsAnImmutableView() {
    List<String> keys = AttributeValues.wrap(new String[] {"customer", "items"});

    assertThat(keys).containsExactly("customer", "items");
    assertThat(keys).isEqualTo(Collections.unmodifiableList(Arrays.asList("customer", "items")));
    assertThatThrownBy(() -> keys.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(keys::clear).isInstanceOf(UnsupportedOperationException.class);
  }
}
