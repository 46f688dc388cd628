package dev.gearbox.router.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Every option of a command it is set on can also come from the environment, named after the option:
 * {@code --max-body-bytes} from {@code GEARBOX_MAX_BODY_BYTES}. A flag on the command line wins; without either,
 * the option's declared default holds. One rule instead of an {@code ${env:...}} spelled per option, so a
 * container is configured by env (the chart) or by args alike.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String PREFIX = "GEARBOX_";
  private static final Pattern SERVICE_LINK = Pattern.compile("(tcp|udp|sctp)://[^/]*");

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

  /**
   * Flags (options without a value, such as {@code --all-namespaces}) are left out: picocli negates a flag whose
   * default is true when it is given, so the environment and the flag together would turn it off; and a flag that
   * widens whom the router trusts should be seen in the arguments. A value like {@code tcp://10.0.0.1:80} is a
   * Kubernetes service link ({@code GEARBOX_PORT} for a Service named gearbox in the namespace), never a setting.
   */
  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.arity().max() == 0) {
      return null;
    }
    String value = environment.apply(variable(option));
    return value == null || value.isBlank() || SERVICE_LINK.matcher(value).matches() ? null : value;
  }
}
