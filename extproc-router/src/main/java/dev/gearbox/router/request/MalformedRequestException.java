package dev.gearbox.router.request;

/** The client sent something the router cannot read; the message says what, for the client. */
public final class MalformedRequestException extends Exception {
  public MalformedRequestException(String message) {
    super(message);
  }
}
