package dev.rr.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The keyset-pagination condition "(k1, k2, ...) > (p1, p2, ...)" spelled without row-value
 * comparison, which GoogleSQL lacks: {@code k1 > p1 OR (k1 = p1 AND k2 > p2) OR ...}.
 */
final class KeysetPredicate {
  private KeysetPredicate() {}

  /** The condition over {@code quotedColumns}, with parameter placeholders from {@code parameter}. */
  static String after(List<String> quotedColumns, IntFunction<String> parameter) {
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < quotedColumns.size(); i++) {
      List<String> terms = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        terms.add(quotedColumns.get(j) + " = " + parameter.apply(j));
      }
      terms.add(quotedColumns.get(i) + " > " + parameter.apply(i));
      alternatives.add(terms.size() == 1 ? terms.get(0) : "(" + String.join(" AND ", terms) + ")");
    }
    return "(" + String.join(" OR ", alternatives) + ")";
  }
}
