package com.amazonaws.xray.emitters;

import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;

/** An emitter that forwards to another one; subclass it to add behaviour around sending. */
public class DelegatingEmitter extends Emitter {
  private final Emitter delegate;

  protected DelegatingEmitter(Emitter delegate) {
    if (delegate == null) {
      throw new NullPointerException("delegate");
    }
    this.delegate = delegate;
  }

  @Override
  public boolean sendSegment(Segment segment) {
    return delegate.sendSegment(segment);
  }

  @Override
  public boolean sendSubsegment(Subsegment subsegment) {
    return delegate.sendSubsegment(subsegment);
  }
}
