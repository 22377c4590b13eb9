# Shared by the benchmark scripts (sourced, not run): where the corpus and
# the tribune binary are, a scratch folder, and the median of a list.
#
#   NAME=terms; source "$(dirname "$0")/common.sh"
#   bench_corpus    -> $corpus (exits 0 with a message when absent), $inputs
#   bench_binary    -> $bin (TRIBUNE_BIN, or a release build)
#   median "1 3 2"  -> 2
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The shared project folder beside the repository, if any.
shared_path() {
    [ -e "$repo/../shared/$1" ] && echo "$repo/../shared/$1"
}

# $corpus (TRIBUNE_BENCH_CORPUS or the White House corpus) and $inputs (its
# month folders, or the folder itself); exit 0 when there is none.
bench_corpus() {
    corpus=${TRIBUNE_BENCH_CORPUS:-$(shared_path corpora/wh-press-briefings || true)}
    if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
        echo "bench ${NAME:-}: corpus not found (../shared/corpora/wh-press-briefings); skipped"
        exit 0
    fi
    corpus=$(cd "$corpus" && pwd)
    inputs=()
    for d in "$corpus"/*/; do
        [ -d "$d" ] && inputs+=("${d%/}")
    done
    [ ${#inputs[@]} -gt 0 ] || inputs=("$corpus")
}

# $bin: TRIBUNE_BIN, or the release binary, built now.
bench_binary() {
    if [ -n "${TRIBUNE_BIN:-}" ]; then
        bin=$TRIBUNE_BIN
    else
        (cd "$repo" && cargo build --release --quiet)
        bin=${CARGO_TARGET_DIR:-$repo/target}/release/tribune
    fi
}

# median LIST: the median of whitespace-separated numbers.
median() {
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
