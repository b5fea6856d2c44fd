#!/bin/sh
# score-corpus.sh -- run cv2bib on every file of tests/corpus/ and score its
# CSL-JSON against the hand-written expected items, field by field
# (tests/score.py); fail when a corpus-wide F1 is below tests/corpus/thresholds.
# Prints TAP, the score table as comments.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"

corpus=$srcdir/tests/corpus
tmp=$builddir/tests/tmp/corpus
rm -rf "$tmp"
mkdir -p "$tmp"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 not installed"
	[ "${CV2BIB_REQUIRE_TOOLS:-0}" = 1 ] && exit 1
	exit 77
fi

pairs=
n=0
fail=0
count=$(ls "$corpus"/*.expected.json | wc -l)
mins=$(grep -v '^#' "$corpus/thresholds" | grep -c =)
echo "1..$((count + mins))"
for exp in "$corpus"/*.expected.json; do
	name=$(basename "$exp" .expected.json)
	input=$(ls "$corpus/$name".* | grep -v -e '\.expected\.json$' | head -n 1)
	n=$((n + 1))
	"$CV2BIB" -q -f csl-json "$input" >"$tmp/$name.json" 2>"$tmp/$name.err"
	st=$?
	if [ "$st" -ge 2 ] || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
	    "$tmp/$name.json" 2>/dev/null; then
		echo "not ok $n - $name: cv2bib exited $st or wrote invalid JSON"
		sed 's/^/# /' "$tmp/$name.err"
		fail=$((fail + 1))
	elif ! grep -q "$(basename "$input")" "$corpus/SOURCES"; then
		echo "not ok $n - $name: no line in SOURCES"
		fail=$((fail + 1))
	else
		echo "ok $n - $name: read and cited in SOURCES"
	fi
	pairs="$pairs $exp $tmp/$name.json"
done
args=
for m in $(grep -v '^#' "$corpus/thresholds" | grep =); do
	args="$args --min $m"
done
# shellcheck disable=SC2086 # word lists on purpose
python3 "$srcdir/tests/score.py" --json "$tmp/scores.json" $args $pairs |
    while IFS= read -r line; do
	case $line in
	"#"*) echo "$line" ;;
	"ok "*|"not ok "*)
		n=$((n + 1))
		echo "$line" | sed "s/^\(not \)\{0,1\}ok /&$n - /"
		;;
	esac
done | tee "$tmp/tap"
grep -q '^not ok' "$tmp/tap" && fail=$((fail + 1))
[ "$fail" -eq 0 ]
