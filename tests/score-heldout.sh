#!/bin/sh
# score-heldout.sh [CV2BIB] -- the parser on lists it was not tuned to.
#
# tests/heldout/N/ hold publication lists written by the developers from
# real, well-known publications, in shapes the corpus lacks (README there),
# with their expected CSL-JSON.  Each set was written before cv2bib was
# run on it; later sets were used to measure, earlier ones to find what
# to fix.  Their expected files were written from memory, not checked
# against the sources as the corpus's were, so this script reports and
# fails nothing: it is not part of make check.  A new set, written
# before looking at cv2bib's output on it, is the honest measure.
#
# Prints score.py's table per set and over all of them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
bin=${1:-${CV2BIB:-$top/cv2bib}}
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$top/data}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
all=""
for set in "$here"/heldout/*/; do
	name=$(basename "$set")
	args=""
	for exp in "$set"*.expected.json; do
		base=$(basename "$exp" .expected.json)
		in=$(ls "$set$base".* | grep -v '\.expected\.json$' | head -n 1)
		"$bin" -q -f csl-json "$in" >"$out/$name-$base.json" 2>/dev/null || :
		args="$args $exp $out/$name-$base.json"
	done
	# shellcheck disable=SC2086 # a list of file pairs
	python3 "$here/score.py" --title "held-out set $name" $args
	all="$all$args"
done
# shellcheck disable=SC2086
python3 "$here/score.py" --title "all held-out sets" $all
