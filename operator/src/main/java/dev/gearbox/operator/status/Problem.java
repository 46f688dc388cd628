package dev.gearbox.operator.status;

/** Why a resource is degraded: a CamelCase reason for the condition and a message a person can act on. */
public record Problem(String reason, String message) {
}
