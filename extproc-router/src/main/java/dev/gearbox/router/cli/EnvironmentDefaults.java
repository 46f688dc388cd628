package dev.gearbox.router.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Every option of a command it is set on can also come from the environment, named after the option:
 * {@code --max-body-bytes} from {@code GEARBOX_MAX_BODY_BYTES}. A flag on the command line wins; without either,
 * the option's declared default holds. One rule instead of an {@code ${env:...}} spelled per option, so a
 * container is configured by env (the chart) or by args alike.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String PREFIX = "GEARBOX_";

  private final UnaryOperator<String> environment;

  /** Reads the process environment (picocli instantiates it from {@code @Command(defaultValueProvider)}). */
  public EnvironmentDefaults() {
    this(System::getenv);
  }

  EnvironmentDefaults(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** {@code --max-body-bytes} → {@code GEARBOX_MAX_BODY_BYTES}. */
  static String variable(OptionSpec option) {
    return PREFIX + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.apply(variable(option));
    return value == null || value.isBlank() ? null : value;
  }
}
