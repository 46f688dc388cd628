package dev.gearbox.router.classifier;

import java.util.Arrays;

/**
 * Bucket indices of a normalised prompt's words and adjacent word pairs (the hashing trick), sorted, without
 * repeats. Words only: character n-grams let a head recognise a dataset's surface style (LaTeX, code stubs), and
 * measured on sources held out, words generalise as well as no terms at all while lifting familiar traffic. Pure.
 */
public final class HashedWords {
  private static final int SALT = 0x9E3779B1;

  private HashedWords() {
  }

  public static int[] of(Words words, int buckets) {
    if (buckets == 0) {
      return new int[0];
    }
    int[] terms = new int[words.words().size() + words.pairs().size()];
    int n = 0;
    for (String word : words.words()) {
      terms[n++] = bucket(word.hashCode(), buckets);
    }
    for (String pair : words.pairs()) {
      terms[n++] = bucket(pair.hashCode(), buckets);
    }
    Arrays.sort(terms);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || terms[i] != terms[distinct - 1]) {
        terms[distinct++] = terms[i];
      }
    }
    return Arrays.copyOf(terms, distinct);
  }

  private static int bucket(int hash, int buckets) {
    // String.hashCode is specified by the JLS, so buckets are stable across JVMs and match the shipped weights.
    return Math.floorMod(hash * SALT, buckets);
  }
}
