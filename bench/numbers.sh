# shellcheck shell=bash
# Number formatting and the run's figures, for bench/lib.sh (the scenarios) and bench/run.sh (the document):
# pure functions, no state; RESULTS_DIR must be set before metric_get is called.

# to_ms 850.00us|1.23ms|1.20s|2.00m -> milliseconds (3 decimals)
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = substr(v, length(n) + 1)
    f = (u == "us") ? 0.001 : (u == "ms" || u == "") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0 || n == "") { print "?"; exit }
    printf "%.3f\n", n * f
  }'
}

# ratio <a> <b> [decimals] -> a/b, or "n/a"
ratio() {
  awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN {
    if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "n/a"; exit }
    printf "%." d "f\n", a / b
  }'
}

# fmt_int 12345.67 -> 12,346 (thousands separators, no locale dependency)
fmt_int() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "n/a"; exit }
    if (v !~ /^[0-9.]+$/) { print v; exit }
    s = sprintf("%.0f", v); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    print s out
  }'
}

# fmt_ms 0.58312 -> 0.583 (three significant-ish decimals, keeps "n/a" and "?" as they are)
fmt_ms() {
  awk -v v="$1" 'BEGIN {
    if (v !~ /^[0-9.]+$/) { print v; exit }
    if (v >= 100) printf "%.0f\n", v; else if (v >= 10) printf "%.1f\n", v
    else if (v >= 1) printf "%.2f\n", v; else printf "%.3f\n", v
  }'
}

# metric_get <name> -> the value this run recorded for it (metric_put in lib.sh), or nothing
metric_get() { sed -n "s/^$1=//p" "$RESULTS_DIR/metrics.env" 2>/dev/null | tail -n 1; }
