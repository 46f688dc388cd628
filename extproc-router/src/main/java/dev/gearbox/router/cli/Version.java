package dev.gearbox.router.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version the build wrote into the jar (version.properties), for --version and reports. */
public final class Version implements IVersionProvider {
  private static final String VERSION = read();

  public static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"gearbox-router " + VERSION};
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("/dev/gearbox/router/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
