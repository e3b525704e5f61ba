package com.amazonaws.xray.emitters;

import java.net.SocketException;

/**
 * The X-Ray SDK's former name for {@link UDPEmitter}.
 *
 * @deprecated use {@link Emitter#create()}
 */
@Deprecated
public class DefaultEmitter extends UDPEmitter {
  public DefaultEmitter() throws SocketException {
    super();
  }
}
