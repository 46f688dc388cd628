package dev.gearbox.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stickiness(
    @Required
    @JsonPropertyDescription("Request header carrying the session id, e.g. x-session-id. Ids longer than 256 characters are refused (invalid_session_id); a session is bound to the request's authorization header, so its id alone cannot raise another client's session.")
    String header,

    @Default("1800")
    @Min(1)
    @JsonPropertyDescription("Seconds a session remembers the highest tier it reached.")
    Integer ttlSeconds,

    @Default("100000")
    @Min(1)
    @JsonPropertyDescription("Most sessions remembered per router replica, within its --session-store-bytes budget (shared equally by the sticky policies); the least recently used are forgotten first.")
    Integer maxSessions) {
}
