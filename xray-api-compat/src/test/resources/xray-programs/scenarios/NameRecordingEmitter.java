package scenarios;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.List;

/**
 * An emitter that sends nothing and notes each call in a list, as {@code segment <name>} or {@code
 * subsegment <name>}: what a program reports of what a recorder sent.
 */
final class NameRecordingEmitter extends Emitter {
  private final List<String> calls;

  NameRecordingEmitter(List<String> calls) {
    this.calls = calls;
  }

  @Override
  public boolean sendSegment(Segment segment) {
    calls.add("segment " + segment.getName());
    return true;
  }

  @Override
  public boolean sendSubsegment(Subsegment subsegment) {
    calls.add("subsegment " + subsegment.getName());
    return true;
  }
}
