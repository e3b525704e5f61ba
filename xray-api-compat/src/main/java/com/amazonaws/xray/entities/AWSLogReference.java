package com.amazonaws.xray.entities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A CloudWatch Logs group (by name and ARN) that holds logs of the traced service. In a segment
 * document it is {@code {"log_group": …, "arn": …}}, without null fields, as in the X-Ray SDK.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"log_group", "arn"})
public class AWSLogReference {
  @Nullable private String logGroup;
  @Nullable private String arn;

  @Nullable
  @JsonProperty("log_group")
  public String getLogGroup() {
    return logGroup;
  }

  public void setLogGroup(@Nullable String logGroup) {
    this.logGroup = logGroup;
  }

  @Nullable
  public String getArn() {
    return arn;
  }

  public void setArn(@Nullable String arn) {
    this.arn = arn;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AWSLogReference)) {
      return false;
    }
    AWSLogReference that = (AWSLogReference) o;
    return Objects.equals(logGroup, that.logGroup) && Objects.equals(arn, that.arn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logGroup, arn);
  }
}
