package dev.tracekit.compat.core.secrets;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.Arrays;
import java.util.List;

/**
 * All the text a span carries, to search for planted secrets: name, status message, every
 * attribute key and value (arrays element by element), event names and attributes, resource.
 */
public final class SpanText {
  private SpanText() {}

  /** Returns everything {@code span} would send, as one text. */
  public static String of(SpanData span) {
    StringBuilder text = new StringBuilder();
    text.append(span.getName()).append('\n').append(span.getStatusDescription()).append('\n');
    append(text, span.getAttributes());
    for (EventData event : span.getEvents()) {
      text.append(event.getName()).append('\n');
      append(text, event.getAttributes());
    }
    append(text, span.getResource().getAttributes());
    return text.toString();
  }

  /** Returns the text of every span. */
  public static String of(List<? extends SpanData> spans) {
    StringBuilder text = new StringBuilder();
    for (SpanData span : spans) {
      text.append(of(span)).append('\n');
    }
    return text.toString();
  }

  private static void append(StringBuilder text, Attributes attributes) {
    attributes.forEach(
        (key, value) ->
            text.append(key.getKey())
                .append('=')
                .append(Arrays.deepToString(new Object[] {value}))
                .append('\n'));
  }
}
