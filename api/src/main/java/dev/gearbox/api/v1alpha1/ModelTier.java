package dev.gearbox.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.INTEGER;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/** One tier of the fleet: an in-cluster model server or an external endpoint serving one model. */
@Group(GearboxApi.GROUP)
@Version(GearboxApi.VERSION)
@Plural("modeltiers")
@ShortNames("mt")
@AdditionalPrinterColumn(name = "Model", jsonPath = ".spec.model", type = STRING)
@AdditionalPrinterColumn(name = "Rank", jsonPath = ".spec.rank", type = INTEGER)
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".spec.server.gpu.count", type = INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = DATE)
public class ModelTier extends CustomResource<ModelTierSpec, ModelTierStatus> implements Namespaced {
}
