package dev.gearbox.router.replay;

/**
 * One replayed prompt.
 *
 * @param line     the prompt's line in the input file
 * @param label    0-based labelled tier, or -1 when the line carries none
 * @param routed   0-based tier the router chose, or -1 when it did not route (a failure mode answered)
 * @param cost     estimated price at the routed tier
 * @param topCost  estimated price had it gone to the top tier
 */
public record ReplayRecord(int line, String source, int label, int routed, String decidedBy, long nanos, double cost,
    double topCost) {
}
