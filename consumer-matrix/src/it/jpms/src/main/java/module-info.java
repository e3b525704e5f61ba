/**
 * The billing job as a module. It requires the X-Ray core by the module name of
 * aws-xray-recorder-sdk-core's jar (its Automatic-Module-Name). The core's own dependencies
 * (Jackson, commons-logging) are explicit modules, which an automatic module does not pull into
 * the module graph: the job is started with --add-modules ALL-MODULE-PATH, as it was on the real
 * core. The metadata it records is open to reflection, for the core's JSON serialization.
 */
module com.example.billing {
  requires com.amazonaws.xray.sdk_core;

  opens com.example.billing.model;
}
