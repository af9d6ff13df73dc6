#!/usr/bin/env bash
# benches/scale.sh: how tidings scales from 1,000 to 100,000 posts, next to
# less and newsboat on the same text.
#
#   benches/scale.sh [--sizes 1000,10000,100000] [--runs 3] [--no-build]
#
# For each size it generates a synthetic corpus once, cached under
# target/scale-corpus/N (python3 gen_corpus.py -n N --concat: N posts,
# their concatenation all.md for less, and feed.atom for newsboat; about
# 19 KB of disk per post, so 1.9 GB for 100,000), builds the release binary
# and measures in a 120x40 pseudo-terminal with ptyrun.py (needs pyte,
# installed with pip if missing):
#
#   first frame      until the list shows "Posts (" and output settles
#   all loaded       until it shows "Posts (N)" with no "loading n/total"
#                    (every post read with its search text: searchable)
#   peak RSS         over that run, which also opens an article and searches
#   search key       settle time of each key of "/council", median and max
#   j in list        bytes written for one j in the list (median of 5)
#   j in article     the same after Enter, and zoomed with z when the key
#                    table in README.md has z (else n/a)
#   --list --json    wall time and peak RSS (/usr/bin/time), default order
#                    and --sort none (streamed)
#   less             `less all.md`: first frame, bytes per j
#   newsboat         `newsboat -r` on feed.atom: until the feed has been read
#                    (its title says "1 unread"), bytes per Down in the
#                    article list and in an article (its j goes to the next
#                    feed), peak RSS. Installed with apt-get if missing and
#                    possible; otherwise reported as skipped.
#
# A key that gets no reply within 0.5 s (5 s for newsboat, slow at 100,000)
# counts as n/a, not as 0 bytes.
#
# Times are medians of --runs runs. It prints one Markdown table per size,
# then how each figure grows from one size to the next (10k -> 100k is the
# one the issue asks about). Raw ptyrun JSON is kept in target/scale-results.
# Figures on a shared machine are noisy: compare runs made back to back.
#
# Tools are looked for in $TIDINGS_TOOLS, ../shared/tools, /work/shared/tools.
# Not part of CI: it takes minutes, and gigabytes at 100,000 posts.

set -euo pipefail

sizes=1000,10000,100000
runs=3
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --sizes=*) sizes=${1#*=}; shift ;;
        --runs) runs=$2; shift 2 ;;
        --runs=*) runs=${1#*=}; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "scale.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tools=
for t in "${TIDINGS_TOOLS:-}" "$root/../shared/tools" /work/shared/tools; do
    if [ -n "$t" ] && [ -f "$t/ptyrun.py" ] && [ -f "$t/gen_corpus.py" ]; then
        tools=$t
        break
    fi
done
if [ -z "$tools" ]; then
    echo "scale.sh: gen_corpus.py and ptyrun.py not found; set TIDINGS_TOOLS" >&2
    exit 1
fi
if ! python3 -c 'import pyte' 2>/dev/null; then
    python3 -m pip install --quiet pyte || python3 -m pip install --quiet --user pyte
fi
if [ ! -x /usr/bin/time ]; then
    echo "scale.sh: /usr/bin/time (GNU time) is needed for --list timings" >&2
    exit 1
fi

notes=()
if ! command -v newsboat >/dev/null; then
    echo "scale.sh: newsboat missing; trying apt-get install -y newsboat" >&2
    if ! apt-get install -y newsboat >/dev/null 2>&1; then
        notes+=("newsboat could not be installed (apt-get install -y newsboat failed): its column is skipped")
    fi
fi
have_newsboat=$(command -v newsboat >/dev/null && echo 1 || echo 0)

# The zoom key arrived with another change: measure it only if bound.
zoom=0
if grep -qE '^\| *`z`' README.md; then
    zoom=1
fi

if [ "$build" = 1 ]; then
    cargo build --release --quiet
fi
bin=$root/target/release/tidings
corpora=$root/target/scale-corpus
results=$root/target/scale-results/$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$corpora" "$results"
ptyrun=(python3 "$tools/ptyrun.py" --cols 120 --rows 40 --no-output-s 0.5)

# Posts, all.md and feed.atom: about 19 KB a post.
corpus() {
    local n=$1 dir=$corpora/$1
    if [ -f "$dir/.complete" ]; then
        return 0
    fi
    local need_kb=$((n * 19)) free_kb
    free_kb=$(df -Pk "$corpora" | awk 'NR == 2 { print $4 }')
    if [ "$free_kb" -lt $((need_kb + 512 * 1024)) ]; then
        notes+=("$n posts skipped: the corpus needs about $((need_kb / 1024)) MB and $((free_kb / 1024)) MB are free")
        return 1
    fi
    echo "scale.sh: generating $n posts in $dir" >&2
    rm -rf "$dir"
    python3 "$tools/gen_corpus.py" -o "$dir" -n "$n" --concat >/dev/null
    touch "$dir/.complete"
}

# One JSON line per run in $results/$name.jsonl.
measure() {
    local name=$1
    shift
    "${ptyrun[@]}" --repeat "$runs" --label "$name" "$@" >>"$results/$name.jsonl"
}

# "seconds KB" per run of a non-interactive command, output discarded.
timed() {
    local name=$1
    shift
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '{"wall_s": %e, "peak_rss_kb": %M}' -o "$results/$name.time" \
            "$@" >/dev/null 2>&1 || true
        cat "$results/$name.time" >>"$results/$name.jsonl"
    done
}

measured=()
IFS=, read -ra wanted <<<"$sizes"
for n in "${wanted[@]}"; do
    corpus "$n" || continue
    measured+=("$n")
    dir=$corpora/$n
    echo "scale.sh: measuring $n posts" >&2
    measure "first-$n" --wait-text "Posts (" --keys q --env "XDG_STATE_HOME=$results/state" \
        -- "$bin" --no-config "$dir/posts"
    keys="j,j,j,j,j,ENTER,j,j,j,j,j"
    if [ "$zoom" = 1 ]; then
        keys+=",z,j,j,j,j,j,z"
    fi
    keys+=",ESC,/,c,o,u,n,c,i,l,ESC,q"
    # "Posts (N)" with no "loading" anywhere on the screen.
    measure "loaded-$n" --timeout 120 --wait-regex "^(?![\\s\\S]*loading )[\\s\\S]*Posts \\($n\\)" \
        --keys "$keys" --env "XDG_STATE_HOME=$results/state" -- "$bin" --no-config "$dir/posts"
    timed "json-$n" "$bin" --no-config --list --json "$dir/posts"
    timed "json-none-$n" "$bin" --no-config --list --json --sort none "$dir/posts"
    measure "less-$n" --wait-text "title:" --keys j,j,j,j,j,q \
        --env LESSHISTFILE=- --env LESS= -- less "$dir/all.md"
    if [ "$have_newsboat" = 1 ]; then
        home=$results/newsboat-$n
        mkdir -p "$home"
        # A fresh cache each run: newsboat reads the whole feed every time.
        for _ in $(seq "$runs"); do
            rm -f "$home/cache.db"
            "${ptyrun[@]}" --label "newsboat-$n" --timeout 600 --key-timeout 60 --no-output-s 5 \
                --wait-regex 'Your feeds \(1 unread' --keys ENTER,DOWN,DOWN,DOWN,DOWN,DOWN,ENTER,DOWN,DOWN,DOWN,DOWN,DOWN,q,q,q \
                --env "HOME=$home" -- newsboat -r -u "$dir/urls" -c "$home/cache.db" \
                -C /dev/null >>"$results/newsboat-$n.jsonl" || true
        done
    fi
done

if [ ${#measured[@]} -eq 0 ]; then
    printf '%s\n' "${notes[@]}" >&2
    exit 1
fi
printf '%s\n' "${notes[@]+"${notes[@]}"}" >"$results/notes"
python3 - "$results" "$zoom" "$have_newsboat" "${measured[@]}" <<'PY'
import json, statistics, sys
from pathlib import Path

results, zoom, newsboat = Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] == "1"
sizes = [int(n) for n in sys.argv[4:]]

def runs(name):
    f = results / f"{name}.jsonl"
    if not f.exists():
        return []
    return [json.loads(l) for l in f.read_text().splitlines() if l.strip()]

def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None

def keys(rs, name, start=0, count=None):
    """Per-key figures of the key at positions start.. of each run."""
    out = []
    for r in rs:
        ks = r.get("keys", [])[start:]
        # No reply at all is a program still busy, not a free key.
        out.extend(k for k in ks[:count] if k["key"] == name and k["settled_by"] != "no_output")
    return out

def secs(x):
    return "n/a" if x is None else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")

def kb(x):
    return "n/a" if x is None else f"{x / 1024:.0f} MB"

def b(x):
    return "n/a" if x is None else f"{x:,.0f} B"

def first(rs):
    return med(r.get("first_settled_s") for r in rs if not r.get("first_frame", {}).get("timed_out"))

table = {}
for n in sizes:
    t = {}
    first_rs, loaded = runs(f"first-{n}"), runs(f"loaded-{n}")
    t["first frame"] = (first(first_rs), secs)
    t["all loaded, searchable"] = (first(loaded), secs)
    t["peak RSS (reader)"] = (med(r.get("peak_rss_kb") for r in loaded), kb)
    j_list = keys(loaded, "j", 0, 5)
    j_art = keys(loaded, "j", 6, 5)
    t["`j` in the list"] = (med(k["bytes"] for k in j_list), b)
    t["`j` in an article"] = (med(k["bytes"] for k in j_art), b)
    t["`j`, article zoomed"] = (med(k["bytes"] for k in keys(loaded, "j", 12, 5)) if zoom else None, b)
    search = []
    for r in loaded:
        ks = r.get("keys", [])
        at = next((i for i, k in enumerate(ks) if k["key"] == "/"), None)
        if at is not None:
            search.extend(k["settled_s"] for k in ks[at + 1 : at + 8])
    search = [s for s in search if s is not None]
    t["search key, median"] = (med(search), secs)
    t["search key, slowest"] = (max(search) if search else None, secs)
    for name, label in ((f"json-{n}", "`--list --json`"), (f"json-none-{n}", "`--list --json --sort none`")):
        rs = runs(name)
        t[f"{label} time"] = (med(r["wall_s"] for r in rs), secs)
        t[f"{label} RSS"] = (med(r["peak_rss_kb"] for r in rs), kb)
    less = runs(f"less-{n}")
    nb = runs(f"newsboat-{n}")
    others = {
        "first frame": (first(less), first(nb) if newsboat else None),
        "all loaded, searchable": (first(less), first(nb) if newsboat else None),
        "peak RSS (reader)": (med(r.get("peak_rss_kb") for r in less),
                              med(r.get("peak_rss_kb") for r in nb) if newsboat else None),
        "`j` in the list": (None, med(k["bytes"] for k in keys(nb, "DOWN", 1, 5)) if newsboat else None),
        "`j` in an article": (med(k["bytes"] for k in keys(less, "j", 0, 5)),
                              med(k["bytes"] for k in keys(nb, "DOWN", 7, 5)) if newsboat else None),
    }
    table[n] = (t, others)

for n in sizes:
    t, others = table[n]
    print(f"\n### {n:,} posts\n")
    print("| measure | tidings | less (all.md) | newsboat (Atom) |")
    print("|---|---|---|---|")
    for label, (v, fmt) in t.items():
        o = others.get(label, (None, None))
        nbv = fmt(o[1]) if newsboat else "skipped"
        print(f"| {label} | {fmt(v)} | {fmt(o[0]) if o[0] is not None else '–'} | {nbv if o[1] is not None or not newsboat else '–'} |")

for a, c in zip(sizes, sizes[1:]):
    print(f"\n### Growth {a:,} → {c:,} posts (×{c / a:g})\n")
    print("| measure | tidings | newsboat |")
    print("|---|---|---|")
    for label, (v, _) in table[a][0].items():
        w = table[c][0][label][0]
        ratio = lambda x, y: f"×{y / x:.1f}" if x and y is not None else "n/a"
        na, nc = table[a][1].get(label, (None, None))[1], table[c][1].get(label, (None, None))[1]
        print(f"| {label} | {ratio(v, w)} | {ratio(na, nc) if newsboat else 'skipped'} |")

notes = (results / "notes").read_text().strip()
print(f"\nRaw runs: {results}")
if notes:
    print("\nNotes:\n" + "\n".join(f"- {l}" for l in notes.splitlines()))
print("- a shared 2-core machine: figures are noisy; compare runs made back to back")
PY
