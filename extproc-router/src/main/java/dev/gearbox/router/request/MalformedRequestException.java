package dev.gearbox.router.request;

/** The client sent something the router cannot read; the message says what, for the client. */
public final class MalformedRequestException extends Exception {
  private final String reason;

  public MalformedRequestException(String message) {
    this("malformed_json", message);
  }

  /** @param reason the bounded label counted in metrics and sent as the error's code */
  public MalformedRequestException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
