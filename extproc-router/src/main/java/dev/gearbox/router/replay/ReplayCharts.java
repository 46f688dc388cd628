package dev.gearbox.router.replay;

import dev.gearbox.router.replay.ReplayReport.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The replay page's inline SVG charts. Pure: report parts in, SVG text out. */
final class ReplayCharts {
  static final String[] COLORS = {"#4c9a2a", "#e0a106", "#c0392b", "#2c7fb8", "#7b3294", "#636363"};
  private static final int LABEL_WIDTH = 200;

  private ReplayCharts() {
  }

  /** One stacked bar for all traffic, then one per source. */
  static String shareBars(List<Map.Entry<String, Metrics>> groups, List<String> tiers) {
    List<String> names = groups.stream().map(Map.Entry::getKey).toList();
    List<Metrics> nodes = groups.stream().map(Map.Entry::getValue).toList();
    int width = 600;
    StringBuilder svg = svg(LABEL_WIDTH + width + 20, nodes.size() * 24 + 30);
    for (int i = 0; i < nodes.size(); i++) {
      double x = LABEL_WIDTH;
      svg.append(text(0, i * 24 + 16, names.get(i)));
      for (int t = 0; t < tiers.size(); t++) {
        double w = nodes.get(i).tierShares().get(tiers.get(t)) * width;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
            + "<title>%s %.1f%%</title></rect>", x, i * 24 + 3, w, COLORS[t % COLORS.length],
            ReplayHtml.escape(tiers.get(t)), w / width * 100));
        x += w;
      }
    }
    for (int t = 0; t < tiers.size(); t++) {
      int y = nodes.size() * 24 + 20;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
          LABEL_WIDTH + t * 140, y - 10, COLORS[t % COLORS.length])).append(text(LABEL_WIDTH + 16 + t * 140, y,
          tiers.get(t)));
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one a row, the value written at the bar's end: nothing overprints however many rows. */
  static String hbars(List<String> labels, List<Double> values, String valueFormat) {
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    int width = 400;
    StringBuilder svg = svg(LABEL_WIDTH + width + 80, labels.size() * 22 + 6);
    for (int i = 0; i < labels.size(); i++) {
      double w = max == 0 ? 0 : values.get(i) / max * width;
      svg.append(text(0, i * 22 + 15, labels.get(i)))
          .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
              LABEL_WIDTH, i * 22 + 3, w, COLORS[3]))
          .append(text(LABEL_WIDTH + (int) w + 6, i * 22 + 15, String.format(Locale.ROOT, valueFormat, values.get(i))));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Each source (and all traffic) as a numbered point: relative cost on x, under-routed share on y, both axes
   * fitted to the data with ticks; the names are in a legend beside the plot, so close points cannot overprint them.
   */
  static String costScatter(List<Map.Entry<String, Metrics>> groups) {
    List<double[]> points = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Map.Entry<String, Metrics> group : groups) {
      Metrics metrics = group.getValue();
      if (metrics.underRouted() != null) {
        points.add(new double[] {metrics.relativeCost(), metrics.underRouted()});
        labels.add(group.getKey());
      }
    }
    double[] x = axis(points.stream().mapToDouble(p -> p[0]).toArray(), 0.1);
    double[] y = axis(points.stream().mapToDouble(p -> p[1]).toArray(), 0.1);
    int size = 360;
    int left = 60;
    int top = 10;
    StringBuilder svg = svg(left + size + 260, size + 60);
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>", left, top, size, size));
    for (int k = 0; k <= 5; k++) {
      double fx = x[0] + (x[1] - x[0]) * k / 5;
      double fy = y[0] + (y[1] - y[0]) * k / 5;
      int px = left + size * k / 5;
      int py = top + size - size * k / 5;
      svg.append(text(px - 12, top + size + 16, String.format(Locale.ROOT, "%.2f", fx)))
          .append(text(left - 40, py + 4, String.format(Locale.ROOT, "%.0f%%", fy * 100)));
    }
    svg.append(text(left + size / 2 - 90, top + size + 40, "relative cost (1 = all to the top tier)"))
        .append(text(left + size + 20, top + 14, "under-routed share against cost:"));
    List<double[]> placed = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      double px = left + (points.get(i)[0] - x[0]) / (x[1] - x[0]) * size;
      double py = top + size - (points.get(i)[1] - y[0]) / (y[1] - y[0]) * size;
      // numbers of points that (nearly) coincide are stacked upwards instead of printed over each other
      long near = placed.stream().filter(p -> Math.abs(p[0] - px) < 12 && Math.abs(p[1] - py) < 12).count();
      placed.add(new double[] {px, py});
      String color = i == 0 ? "#222" : COLORS[3];
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%s</title>"
          + "</circle>", px, py, i == 0 ? 7 : 5, color, ReplayHtml.escape(labels.get(i))))
          .append(text((int) px + 8, (int) (py - 6 - 13 * near), Integer.toString(i + 1)))
          .append(text(left + size + 20, top + 34 + i * 18, String.format(Locale.ROOT, "%d  %s  (%.3f, %.1f%%)",
              i + 1, labels.get(i), points.get(i)[0], points.get(i)[1] * 100)));
    }
    return svg.append("</svg>").toString();
  }

  /** An axis range covering the values with a margin, rounded to tenths, at least {@code minSpan} wide, in [0, 1]. */
  static double[] axis(double[] values, double minSpan) {
    double lo = java.util.Arrays.stream(values).min().orElse(0);
    double hi = java.util.Arrays.stream(values).max().orElse(1);
    lo = Math.max(0, Math.floor((lo - 0.02) * 10) / 10);
    hi = Math.min(1, Math.ceil((hi + 0.02) * 10) / 10);
    if (hi - lo < minSpan) {
      hi = Math.min(1, lo + minSpan);
      lo = Math.max(0, hi - minSpan);
    }
    return new double[] {lo, hi};
  }

  private static StringBuilder svg(int width, int height) {
    return new StringBuilder("<svg width=\"" + width + "\" height=\"" + height + "\">");
  }

  static String text(int x, int y, String value) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\">" + ReplayHtml.escape(value) + "</text>";
  }
}
