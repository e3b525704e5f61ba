package com.amazonaws.xray.emitters;

import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.xray.EntityDocuments;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends segment documents to an X-Ray daemon over UDP ({@code header\ndocument} per datagram), as
 * the X-Ray SDK does. With the TraceKit shim this is only used for dual-writing during a migration.
 * Unlike the X-Ray SDK's, it sends no credentials the application put in {@code http} or {@code sql}
 * maps (credential headers, URL user info, SQL passwords): see {@link EntityDocuments#emitted}.
 * Documents over the 64 KiB datagram limit are not sent (the method returns false, with a log line).
 */
@Deprecated
public class UDPEmitter extends Emitter {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(UDPEmitter.class.getName()));
  private static final int UDP_PACKET_LIMIT = 63 * 1024;

  private final DatagramSocket daemonSocket;
  private final DaemonConfiguration config;

  /** Sends to the daemon of the default configuration. */
  public UDPEmitter() throws SocketException {
    this(new DaemonConfiguration());
  }

  /** Sends to the daemon of {@code config}. */
  public UDPEmitter(DaemonConfiguration config) throws SocketException {
    this.config = config;
    this.daemonSocket = new DatagramSocket();
  }

  /** Returns the daemon's UDP address, {@code host:port}. */
  public String getUDPAddress() {
    return config.getUDPAddress();
  }

  @Override
  public boolean sendSegment(Segment segment) {
    return send(EntityDocuments.emitted(segment), segment);
  }

  @Override
  public boolean sendSubsegment(Subsegment subsegment) {
    return send(EntityDocuments.emittedStream(subsegment), subsegment);
  }

  private boolean send(String document, Entity entity) {
    if (document == null || document.isEmpty()) {
      return false;
    }
    byte[] bytes = (PRIORITY_PROTOCOL_HEADER + PROTOCOL_DELIMITER + document).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > UDP_PACKET_LIMIT) {
      LOGGER.log(
          Level.WARNING,
          "Not sending " + entity.getName() + " to the X-Ray daemon: " + bytes.length
              + " bytes is over the UDP limit");
      return false;
    }
    try {
      daemonSocket.send(new DatagramPacket(bytes, bytes.length, config.getAddressForEmitter()));
      return true;
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not send " + entity.getName() + " to the X-Ray daemon at " + getUDPAddress() + ": " + e);
      return false;
    }
  }
}
