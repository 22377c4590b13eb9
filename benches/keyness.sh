#!/usr/bin/env bash
# Speed benchmark (not a timed test): one-vs-rest keyness for every speaker
# of the White House press briefings corpus,
#   tribune keyness <month folders> --target each-speaker --top 20 -o out.csv
# with a release build. Prints the median wall time and the median peak RSS
# of RUNS runs (via /usr/bin/time -v), words/s, the number of tables, and the
# same figures for `tribune speakers` on the same input (reading and parsing
# only) so the keyness share of the time shows. The issue wants keyness for
# every speaker "in seconds": the script says whether the median is under
# 10 s. Skips, exit 0, when the corpus is absent.
#
# Usage: benches/keyness.sh            (RUNS=3 by default)
#   TRIBUNE_BENCH_CORPUS=DIR  another corpus folder (its sub-folders are the inputs)
#   TRIBUNE_BIN=PATH          a tribune binary to use instead of building one
#   RUNS=N                    repetitions
NAME=keyness
# shellcheck source=benches/common.sh
source "$(dirname "$0")/common.sh"
bench_corpus
if [ ! -x /usr/bin/time ]; then
    echo "bench keyness: /usr/bin/time not found (GNU time gives the peak RSS); skipped"
    exit 0
fi
bench_binary

files=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
bytes=$(find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
"$bin" speakers --format csv "${inputs[@]}" >"$tmp/speakers.csv" 2>/dev/null
words=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "words") c = i; next } { s += $c } END { print s + 0 }' "$tmp/speakers.csv")
speakers=$(($(wc -l <"$tmp/speakers.csv") - 1))


# run CMD...: "median-wall-seconds median-peak-KB" over $runs runs.
run() {
    local walls="" kbs=""
    for _ in $(seq "$runs"); do
        if ! /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt"; then
            echo "bench keyness: command failed: $*" >&2
            cat "$tmp/time.txt" >&2
            exit 1
        fi
        walls+=" $(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.txt")"
        kbs+=" $(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")"
    done
    echo "$(median "$walls") $(median "$kbs") |$walls"
}

echo "corpus: $corpus (${#inputs[@]} folders, $files files, $bytes bytes, $words words, $speakers speakers)"
echo "median of $runs runs; $(nproc) cores; $("$bin" --version 2>/dev/null || echo tribune)"
k=$(run "$bin" keyness "${inputs[@]}" --target each-speaker --top 20 -o "$tmp/keyness.csv")
s=$(run "$bin" speakers --format csv -o "$tmp/speakers2.csv" "${inputs[@]}")
if command -v python3 >/dev/null; then
    read -r tables rows < <(python3 -c 'import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len({x["target"] for x in r}), len(r))' "$tmp/keyness.csv")
else
    tables="?"
    rows=$(($(wc -l <"$tmp/keyness.csv") - 1))
fi

awk -v words="$words" -v bytes="$bytes" -v k="$k" -v s="$s" -v tables="$tables" -v rows="$rows" 'BEGIN {
    split(k, a, " "); split(s, b, " ");
    printf "%-22s %9s %12s %10s\n", "command", "wall s", "words/s", "peak MB";
    printf "%-22s %9.3f %12.0f %10.1f\n", "keyness each-speaker", a[1], words / a[1], a[2] / 1024;
    printf "%-22s %9.3f %12.0f %10.1f\n", "speakers (parse only)", b[1], words / b[1], b[2] / 1024;
    split(k, w, "|");
    printf "keyness runs (s):%s\n", w[2];
    printf "%s keyness tables, %s rows written\n", tables, rows;
    printf "keyness for every speaker in %.2f s (target: seconds, < 10 s): %s\n", a[1], (a[1] < 10 ? "met" : "NOT met");
}'
