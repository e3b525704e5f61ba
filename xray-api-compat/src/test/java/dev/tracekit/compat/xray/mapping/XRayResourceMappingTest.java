package dev.tracekit.compat.xray.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugins' data (a recorder's runtime context, a segment's {@code aws} block) as resource attributes. */
class XRayResourceMappingTest {
  @Test
  void ec2RuntimeContextBecomesHostAndCloudAttributes() {
    Map<String, Object> ec2 = new LinkedHashMap<>();
    ec2.put("instance_id", "i-1234567890abcdef0");
    ec2.put("availability_zone", "us-west-2b");
    ec2.put("instance_size", "t2.micro");
    ec2.put("ami_id", "ami-5fb8c835");

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("cloud.provider", "aws");
    expected.put("cloud.platform", "aws_ec2");
    expected.put("host.id", "i-1234567890abcdef0");
    expected.put("host.type", "t2.micro");
    expected.put("host.image.id", "ami-5fb8c835");
    expected.put("cloud.availability_zone", "us-west-2b");
    expected.put("cloud.region", "us-west-2");
    expected.put("aws.xray.origin", "AWS::EC2::Instance");
    assertThat(XRayResourceMapping.pluginAttributes("AWS::EC2::Instance", aws("ec2", ec2), false))
        .isEqualTo(expected);
  }

  @Test
  void ecsRuntimeContextGivesTheContainerAndTheRegionOfItsArn() {
    Map<String, Object> ecs = new HashMap<>();
    ecs.put("container", "ip-10-0-0-1");
    ecs.put("container_id", "abc123");
    ecs.put("container_arn", "arn:aws:ecs:eu-west-1:111122223333:container/0206b271");
    Map<String, Object> ec2 = new HashMap<>();
    ec2.put("availability_zone", "us-east-1a");
    Map<String, Object> aws = aws("ecs", ecs);
    aws.put("ec2", ec2);

    Map<String, String> attributes = XRayResourceMapping.pluginAttributes("AWS::ECS::Container", aws, false);

    assertThat(attributes)
        .containsEntry("cloud.platform", "aws_ecs")
        .containsEntry("container.id", "abc123")
        .containsEntry("aws.ecs.container.arn", ecs.get("container_arn").toString())
        .containsEntry("cloud.region", "eu-west-1")
        .doesNotContainKey("container");
  }

  @Test
  void withoutAnEcsContainerArnTheRegionIsThatOfTheEc2Zone() {
    Map<String, Object> ecs = new HashMap<>();
    ecs.put("container_id", "abc123");
    Map<String, Object> ec2 = new HashMap<>();
    ec2.put("availability_zone", "ap-southeast-2c");
    Map<String, Object> aws = aws("ecs", ecs);
    aws.put("ec2", ec2);

    assertThat(XRayResourceMapping.pluginAttributes("AWS::ECS::Container", aws, false))
        .containsEntry("container.id", "abc123")
        .containsEntry("cloud.region", "ap-southeast-2")
        .doesNotContainKey("aws.ecs.container.arn");
    assertThat(XRayResourceMapping.pluginAttributes("AWS::ECS::Container", aws("ecs", ecs), false))
        .doesNotContainKey("cloud.region");
  }

  @Test
  void eksRuntimeContextGivesClusterPodAndContainer() {
    Map<String, Object> eks = new HashMap<>();
    eks.put("cluster_name", "my-cluster");
    eks.put("pod", "web-7d9f-abcde");
    eks.put("container_id", "abc123");

    assertThat(XRayResourceMapping.pluginAttributes("AWS::EKS::Container", aws("eks", eks), false))
        .containsEntry("cloud.provider", "aws")
        .containsEntry("cloud.platform", "aws_eks")
        .containsEntry("k8s.cluster.name", "my-cluster")
        .containsEntry("k8s.pod.name", "web-7d9f-abcde")
        .containsEntry("container.id", "abc123");
  }

  @Test
  void beanstalkGivesServiceInstanceAndVersionUnlessTheVersionIsConfigured() {
    Map<String, Object> beanstalk = new HashMap<>();
    beanstalk.put("deployment_id", 23);
    beanstalk.put("version_label", "app-v1");
    beanstalk.put("environment_name", "my-env");
    String origin = "AWS::ElasticBeanstalk::Environment";

    assertThat(XRayResourceMapping.pluginAttributes(origin, aws("elastic_beanstalk", beanstalk), false))
        .containsEntry("cloud.platform", "aws_elastic_beanstalk")
        .containsEntry("service.instance.id", "23")
        .containsEntry("service.version", "app-v1");

    assertThat(XRayResourceMapping.pluginAttributes(origin, aws("elastic_beanstalk", beanstalk), true))
        .containsEntry("service.instance.id", "23")
        .doesNotContainKey("service.version");
  }

  @Test
  void aLambdaOriginAloneGivesTheLambdaPlatform() {
    assertThat(XRayResourceMapping.pluginAttributes("AWS::Lambda::Function", new HashMap<String, Object>(), false))
        .containsEntry("cloud.provider", "aws")
        .containsEntry("cloud.platform", "aws_lambda")
        .containsEntry("aws.xray.origin", "AWS::Lambda::Function");
  }

  @Test
  void missingEmptyAndNonTextValuesAreLeftOut() {
    Map<String, Object> ec2 = new HashMap<>();
    ec2.put("instance_id", null);
    ec2.put("instance_size", " ");
    ec2.put("ami_id", Collections.singletonList("ami-1"));

    assertThat(XRayResourceMapping.pluginAttributes(null, aws("ec2", ec2), false))
        .containsOnlyKeys("cloud.provider");
    assertThat(XRayResourceMapping.pluginAttributes(null, aws("xray", ec2), false)).isEmpty();
    assertThat(XRayResourceMapping.pluginAttributes("Custom::Thing", new HashMap<String, Object>(), false))
        .isEmpty();
  }

  @Test
  void theRegionIsThePrefixOfTheZone() {
    assertThat(XRayResourceMapping.regionOfZone("us-west-2b")).isEqualTo("us-west-2");
    assertThat(XRayResourceMapping.regionOfZone("us-west-2-lax-1a")).isEqualTo("us-west-2");
    assertThat(XRayResourceMapping.regionOfZone("us-gov-west-1a")).isEqualTo("us-gov-west-1");
    assertThat(XRayResourceMapping.regionOfZone("ap-southeast-4c")).isEqualTo("ap-southeast-4");
    assertThat(XRayResourceMapping.regionOfZone("nowhere")).isNull();
    assertThat(XRayResourceMapping.regionOfArn("arn:aws:ecs:eu-west-1:1:container/x"))
        .isEqualTo("eu-west-1");
    assertThat(XRayResourceMapping.regionOfArn("not-an-arn")).isNull();
  }

  private static Map<String, Object> aws(String service, Map<String, Object> runtimeContext) {
    Map<String, Object> aws = new HashMap<>();
    aws.put(service, runtimeContext);
    return aws;
  }
}
