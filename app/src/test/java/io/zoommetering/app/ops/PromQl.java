package io.zoommetering.app.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads (as Prometheus rules and Grafana panels write them), found without a
 * full parser: string literals, label matchers, ranges, grouping clauses, numbers and Grafana variables are
 * removed first; what remains that is neither a function, an aggregation nor a keyword is a metric name.
 */
public final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-z]+");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w:])(?:0x[0-9a-fA-F]+|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)(?![\\w:])");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern GRAFANA_LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "inf",
            "nan",
            "atan2",
            "start",
            "end");

    /** A quoted PromQL string, escapes included. */
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"";

    private static final Pattern SELECTOR =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{((?:[^}\"]|" + QUOTED + ")*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*" + QUOTED);

    private PromQl() {}

    /** The label names each metric's selectors match on ({@code name{label="value"}}). */
    public static Map<String, Set<String>> selectorLabels(String expression) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Set<String> names = labels.computeIfAbsent(selector.group(1), name -> new TreeSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return labels;
    }

    static Set<String> metricNames(String expression) {
        Matcher labelValues = GRAFANA_LABEL_VALUES.matcher(expression);
        String expr = labelValues.matches() ? labelValues.group(1) : expression;
        expr = STRING.matcher(expr).replaceAll(" ");
        expr = GRAFANA_VARIABLE.matcher(expr).replaceAll(" ");
        expr = LABEL_MATCHERS.matcher(expr).replaceAll(" ");
        expr = RANGE.matcher(expr).replaceAll(" ");
        expr = GROUPING.matcher(expr).replaceAll(" ");
        expr = OFFSET.matcher(expr).replaceAll(" ");
        expr = NUMBER.matcher(expr).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(expr);
        while (identifier.find()) {
            String name = identifier.group();
            if (KEYWORDS.contains(name.toLowerCase(Locale.ROOT)) || followedByParenthesis(expr, identifier.end())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean followedByParenthesis(String expr, int from) {
        for (int i = from; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }
}
