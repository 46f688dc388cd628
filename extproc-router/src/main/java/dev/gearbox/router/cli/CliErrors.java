package dev.gearbox.router.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How the CLI reports what went wrong: user errors (bad options, missing files, busy ports) as one line and exit
 * code 2; anything else is a bug and keeps its stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int USAGE = 2;

  static CommandLine install(CommandLine cli) {
    CliErrors errors = new CliErrors();
    return cli.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr().println("error: " + e.getMessage() + " (see " + cli.getCommandSpec().qualifiedName() + " --help)");
    cli.getErr().flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) throws Exception {
    String message = userMessage(e);
    if (message == null) {
      throw e;
    }
    cli.getErr().println("error: " + message);
    cli.getErr().flush();
    return USAGE;
  }

  /** The one line for a user error anywhere in the cause chain, or null when it is not one. */
  static String userMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UsageError) {
        return t.getMessage();
      }
      if (t instanceof NoSuchFileException missing) {
        return "no such file: " + missing.getFile();
      }
      if (t instanceof AccessDeniedException denied) {
        return "permission denied: " + denied.getFile();
      }
    }
    return null;
  }

  /** A path the user named, which must exist: otherwise one line naming it and its option. */
  static Path existing(Path path, String option) {
    if (path != null && !Files.exists(path)) {
      throw new UsageError("no such file or directory: " + path + " (" + option + ")");
    }
    return path;
  }

  /** Something that opens a server socket. */
  interface Listening<T> {
    T open() throws Exception;
  }

  /** Opens a server; a port already taken is a user error that names the port and its option. */
  static <T> T listen(String option, String address, int port, Listening<T> server) throws Exception {
    try {
      return server.open();
    } catch (Exception e) {
      if (portInUse(e)) {
        throw new UsageError("port " + port + " on " + address + " is already in use (" + option + ")");
      }
      throw e;
    }
  }

  /**
   * Whether a failure to start a server was its port being taken. gRPC's native transport reports it as an
   * IOException saying "Address already in use", not as a BindException.
   */
  static boolean portInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
