package dev.gearbox.api.validation;

/** A problem with one field of a resource, e.g. {@code spec.rules[2].regex: unclosed group}. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
