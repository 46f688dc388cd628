package dev.gearbox.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What one router replica decided lately, per policy: written by the router about itself (one report per pod,
 * owned by the pod, so it goes when the pod goes) and read by the operator, which adds the replicas' reports up into
 * each RoutingPolicy's status. The routers thereby never need write access to the policies.
 */
@Group(GearboxApi.GROUP)
@Version(GearboxApi.VERSION)
@Plural("sharereports")
public class ShareReport extends CustomResource<ShareReportSpec, Void> implements Namespaced {
}
