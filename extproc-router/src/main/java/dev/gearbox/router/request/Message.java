package dev.gearbox.router.request;

/** One conversation turn with its text parts joined. */
public record Message(String role, String text) {
  public boolean fromUser() {
    return "user".equals(role);
  }
}
