package dev.gearbox.router.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RobustnessReportTest {

  @Test
  void aTrailingMarkIsDroppedOrAdded() {
    assertThat(RobustnessReport.toggleTrailing("What is 2+2?")).isEqualTo("What is 2+2");
    assertThat(RobustnessReport.toggleTrailing("Explain TCP.  ")).isEqualTo("Explain TCP");
    assertThat(RobustnessReport.toggleTrailing("what is 2+2")).isEqualTo("what is 2+2?");
  }

  @Test
  void countsThePairsWhoseTierChanges() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    // A router that looks only at the case of the first letter: lower-casing flips the capitalised prompts,
    // "Please " flips the lower-case one, the other edits change nothing.
    double share = RobustnessReport.print(List.of("What is 2+2?", "Explain TCP.", "what is 2+2"),
        p -> Character.isUpperCase(p.charAt(0)) ? 1 : 0, new PrintStream(text, true, StandardCharsets.UTF_8));

    assertThat(share).isEqualTo(3.0 / 12);
    assertThat(text.toString(StandardCharsets.UTF_8)).contains("lower-cased                2")
        .contains("\"Please \" prefix           1");
  }
}
