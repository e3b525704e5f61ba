package com.example.audit;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.jr.annotationsupport.JacksonAnnotationExtension;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;

/** Writes an audit record as JSON with jackson-jr, inside an X-Ray segment. */
public final class AuditJob {
  private static final JSON JSON_WRITER =
      JSON.builder().register(JacksonAnnotationExtension.std).build();

  private AuditJob() {}

  public static void main(String[] args) throws IOException {
    Segment segment = AWSXRay.beginSegment("audit-job");
    try {
      Subsegment write = AWSXRay.beginSubsegment("write-audit-record");
      try {
        AuditRecord record = new AuditRecord("u-123", "login");
        String json = JSON_WRITER.asString(record);
        write.putAnnotation("user_id", record.user);
        write.putMetadata("audit", "record", record);
        System.out.println("audit record: " + json);
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
  }

  /** One audit record; its JSON names come from Jackson annotations. */
  public static final class AuditRecord {
    @JsonProperty("user_id")
    public final String user;

    @JsonProperty("action")
    public final String action;

    AuditRecord(String user, String action) {
      this.user = user;
      this.action = action;
    }
  }
}
