package com.amazonaws.xray.emitters;

import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.io.IOException;

/**
 * Receives finished segments and streamed subsegments from the recorder, as in the X-Ray SDK.
 * TraceKit spans do not depend on the emitter: a custom emitter set through the recorder builder is
 * called exactly as the X-Ray SDK would call it, in addition to span export.
 */
public abstract class Emitter {
  protected static final String PROTOCOL_HEADER = "{\"format\": \"json\", \"version\": 1}";
  protected static final String PRIORITY_PROTOCOL_HEADER = "{\"format\": \"json\", \"version\": 1}";
  protected static final char PROTOCOL_DELIMITER = '\n';
  /** The receive buffer the X-Ray SDK asks for on the daemon socket (256 KiB). */
  protected static final int DAEMON_BUF_RECEIVE_SIZE = 256 * 1024;

  /** Returns a UDP emitter to the configured X-Ray daemon. */
  public static Emitter create() throws IOException {
    return new UDPEmitter();
  }

  /** Returns a UDP emitter to the daemon of {@code configuration}. */
  public static Emitter create(DaemonConfiguration configuration) throws IOException {
    return new UDPEmitter(configuration);
  }

  /** Sends a finished segment; returns false when it could not be sent. */
  public abstract boolean sendSegment(Segment segment);

  /** Sends a streamed subsegment; returns false when it could not be sent. */
  public abstract boolean sendSubsegment(Subsegment subsegment);
}
