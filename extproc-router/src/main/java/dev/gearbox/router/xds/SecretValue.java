package dev.gearbox.router.xds;

import java.util.Arrays;

/**
 * A Secret's value (an API key, a CA bundle) on its way to Envoy. Its {@code toString} never shows it, so a log
 * line or an exception message that prints inputs cannot leak it.
 */
public final class SecretValue {
  private final byte[] value;

  public SecretValue(byte[] value) {
    this.value = value.clone();
  }

  public String reveal() {
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "<redacted " + value.length + " bytes>";
  }
}
