package dev.gearbox.operator.config;

/** A start-up setting that cannot be used; the message names the environment variable. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
