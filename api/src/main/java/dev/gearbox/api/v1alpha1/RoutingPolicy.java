package dev.gearbox.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/** How requests are spread over a namespace's ModelTiers. */
@Group(GearboxApi.GROUP)
@Version(GearboxApi.VERSION)
@Plural("routingpolicies")
@ShortNames("rp")
@AdditionalPrinterColumn(name = "Tiers", jsonPath = ".spec.tiers", type = STRING)
@AdditionalPrinterColumn(name = "Default", jsonPath = ".spec.defaultTier", type = STRING)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = STRING)
@AdditionalPrinterColumn(name = "Top-Share", jsonPath = ".status.shares.topTier", type = STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = DATE)
public class RoutingPolicy extends CustomResource<RoutingPolicySpec, RoutingPolicyStatus> implements Namespaced {
}
