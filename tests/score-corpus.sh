#!/bin/sh
# score-corpus.sh -- run cv2bib on every file of tests/corpus/ and score its
# CSL-JSON against the hand-checked expected items, field by field
# (tests/score.py).  Prints TAP: one line per corpus file (cv2bib did not
# crash and wrote valid CSL-JSON), one that every expected file has its
# input and every input its expected file, one that every input is cited in
# tests/corpus/SOURCES, one that score.py counts a fixed, hand-checked pair
# right (tests/corpus/selftest/), then one per threshold of
# tests/corpus/thresholds; the score tables are TAP comments.
#
# Two groups are scored apart: the real public CVs (NN-name.*) with the
# plain FIELD=F1 thresholds, and the developers' style samples (every other
# file) with the samples:FIELD=F1 ones.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"
export CV2BIB_DATADIR

corpus=$srcdir/tests/corpus
score=$srcdir/tests/score.py
tmp=$builddir/tests/tmp/corpus

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 not installed"
	[ "${CV2BIB_REQUIRE_TOOLS:-0}" = 1 ] && exit 1
	exit 77
fi
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99

# The input beside an expected file: NAME.txt, .md, .html or .tex.
input_of() {
	for ext in txt md html tex; do
		[ -f "$corpus/$1.$ext" ] && echo "$corpus/$1.$ext"
	done
}

# "real" for NN-name, "samples" for the rest.
group_of() {
	case $1 in
	[0-9][0-9]-*) echo real ;;
	*) echo samples ;;
	esac
}

# The --min arguments of a group, one per line.
mins_of() {
	sed -e 's/#.*//' -e 's/[[:space:]]//g' "$corpus/thresholds" |
	    grep '=' | if [ "$1" = samples ]; then
		sed -n 's/^samples://p'
	else
		grep -v :
	fi
}

nfiles=0
for exp in "$corpus"/*.expected.json; do
	[ -f "$exp" ] && nfiles=$((nfiles + 1))
done
nreal=$(mins_of real | wc -l)
nsamples=$(mins_of samples | wc -l)
echo "1..$((nfiles + 3 + nreal + nsamples))"

n=0
fail=0
tap() {		# tap OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
	fi
}

timeout=
command -v timeout >/dev/null 2>&1 && timeout="timeout 120"

# Each corpus file through cv2bib: a crash (signal), a hang or output that
# is not a CSL-JSON array fails; an exit status of 1 with warnings does not.
for exp in "$corpus"/*.expected.json; do
	name=$(basename "$exp" .expected.json)
	input=$(input_of "$name" | head -n 1)
	if [ -z "$input" ]; then
		tap "not ok" "$name: no input file beside the expected items"
		continue
	fi
	# shellcheck disable=SC2086 # $timeout is empty or two words
	$timeout "$CV2BIB" -q -f csl-json "$input" >"$tmp/$name.json" \
	    2>"$tmp/$name.err"
	st=$?
	items=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(d, list) and all(isinstance(x, dict) for x in d)
print(len(d))' "$tmp/$name.json" 2>/dev/null)
	if [ "$st" -ge 124 ]; then
		tap "not ok" "$name: cv2bib crashed or hung (exit $st)"
		sed 's/^/# /' "$tmp/$name.err" | head -n 20
	elif [ -z "$items" ]; then
		tap "not ok" "$name: cv2bib (exit $st) wrote no valid CSL-JSON"
		sed 's/^/# /' "$tmp/$name.err" | head -n 20
	else
		tap ok "$name: cv2bib exited $st and wrote $items items"
	fi
done

# Every expected file has exactly one input, and every input its expected
# file.
bad=
for exp in "$corpus"/*.expected.json; do
	name=$(basename "$exp" .expected.json)
	[ "$(input_of "$name" | wc -l)" -eq 1 ] || bad="$bad $name"
done
for input in "$corpus"/*.txt "$corpus"/*.md "$corpus"/*.html \
    "$corpus"/*.tex; do
	[ -f "$input" ] || continue
	name=$(basename "$input")
	name=${name%.*}
	[ -f "$corpus/$name.expected.json" ] || bad="$bad $(basename "$input")"
done
if [ -z "$bad" ]; then
	tap ok "every expected file has one input and every input its expected file"
else
	tap "not ok" "unpaired corpus files:$bad"
fi

# Every input is cited in SOURCES.
bad=
for exp in "$corpus"/*.expected.json; do
	input=$(input_of "$(basename "$exp" .expected.json)" | head -n 1)
	[ -n "$input" ] || continue
	grep -qF -- "$(basename "$input")" "$corpus/SOURCES" ||
	    bad="$bad $(basename "$input")"
done
if [ -z "$bad" ]; then
	tap ok "every corpus input has an entry in SOURCES"
else
	tap "not ok" "not in SOURCES:$bad"
fi

# The scorer itself, on a fixed pair counted by hand (selftest/README).
want="items 16/18/18 type 16/18/18 authors 15/18/18 given 15/18/18"
want="$want title 15/18/18 container 16/18/17 year 15/18/18"
want="$want volume 13/14/15 issue 1/1/1 pages 16/18/17 DOI 0/1/0"
python3 "$score" --json "$tmp/selftest.json" "$corpus/selftest/expected.json" \
    "$corpus/selftest/actual.json" >/dev/null 2>&1
got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))["total"]
print(" ".join("%s %d/%d/%d" % (f, r[f]["correct"], r[f]["actual"],
               r[f]["expected"]) for f in sys.argv[2:]))' "$tmp/selftest.json" \
    items type authors given title container year volume issue pages DOI \
    2>/dev/null)
if [ "$got" = "$want" ]; then
	tap ok "score.py counts the hand-checked self-test pair right"
else
	tap "not ok" "score.py self-test: got '$got'"
fi

# Score one group and print its threshold lines, numbered from $n + 1.
score_group() {		# score_group GROUP TITLE COUNT
	group=$1
	title=$2
	want=$3
	set --
	for exp in "$corpus"/*.expected.json; do
		name=$(basename "$exp" .expected.json)
		[ "$(group_of "$name")" = "$group" ] || continue
		set -- "$@" "$exp" "$tmp/$name.json"
	done
	if [ $# -eq 0 ]; then
		k=0
		while [ "$k" -lt "$want" ]; do
			tap ok "$title: no files # SKIP"
			k=$((k + 1))
		done
		return
	fi
	for m in $(mins_of "$group"); do
		set -- "$@" --min "$m"
	done
	python3 "$score" --tap $((n + 1)) --title "$title" \
	    --json "$tmp/scores-$group.json" "$@" >"$tmp/score-$group.tap" 2>&1
	st=$?
	sed -e '/^ok /b' -e '/^not ok /b' -e '/^#/b' -e 's/^/# /' \
	    "$tmp/score-$group.tap"
	got=$(grep -c -e '^ok ' -e '^not ok ' "$tmp/score-$group.tap")
	nfailed=$(grep -c '^not ok ' "$tmp/score-$group.tap")
	fail=$((fail + nfailed))
	n=$((n + got))
	while [ "$got" -lt "$want" ]; do
		tap "not ok" "$title: score.py failed (exit $st)"
		got=$((got + 1))
	done
}

score_group real "real CVs" "$nreal"
score_group samples "style samples" "$nsamples"

[ "$fail" -eq 0 ]
