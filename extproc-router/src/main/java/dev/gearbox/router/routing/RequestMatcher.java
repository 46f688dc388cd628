package dev.gearbox.router.routing;

import dev.gearbox.api.v1alpha1.HeaderMatch;
import dev.gearbox.api.v1alpha1.RequestMatch;

import java.util.List;
import java.util.Locale;

/** Which requests a policy governs; an unset criterion matches anything. */
record RequestMatcher(List<String> models, List<String> hosts, List<String> paths, List<HeaderMatch> headers) {

  static RequestMatcher of(RequestMatch match) {
    if (match == null) {
      return new RequestMatcher(List.of(), List.of(), List.of(), List.of());
    }
    return new RequestMatcher(orEmpty(match.models()),
        orEmpty(match.hosts()).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
        orEmpty(match.paths()), orEmpty(match.headers()));
  }

  /** How many criteria are set: the more specific policy wins a tie on priority. */
  int specificity() {
    return (models.isEmpty() ? 0 : 1) + (hosts.isEmpty() ? 0 : 1) + (paths.isEmpty() ? 0 : 1) + headers.size();
  }

  boolean matches(RequestContext request) {
    // A body without a model is governed only by a policy that names no models.
    if (!models.isEmpty() && (request.requestedModel() == null || !models.contains(request.requestedModel()))) {
      return false;
    }
    if (!hosts.isEmpty() && !hosts.contains(request.host())) {
      return false;
    }
    if (!paths.isEmpty() && paths.stream().noneMatch(request.path()::startsWith)) {
      return false;
    }
    for (HeaderMatch header : headers) {
      String value = request.header(header.name().toLowerCase(Locale.ROOT));
      if (value == null || (header.value() != null && !header.value().equals(value))) {
        return false;
      }
    }
    return true;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
