package dev.gearbox.router.routing;

/**
 * How far {@link DecisionEngine} got through a policy's rules: the rule it is testing and, within it, the condition.
 * Every rule before {@link #rule} failed and every condition of it before {@link #condition} held, so a decision
 * refused mid-way ({@link ModelRunRefused}) goes on from here on a worker and no condition runs twice.
 */
final class DecisionProgress {
  int rule;
  /** -1 until the rule is begun (its label noted among the signals run). */
  int condition = -1;
}
