#!/bin/sh
# clients.sh -- cv2bib's output read by the programs people read it with:
# bibtex with plain.bst, biber --tool, pandoc, the CSL 1.0.2 schema, and a
# record count for RIS and the other libbibutils formats.  Runs on the
# sample CV (farshin-cv.txt), a hand-written one with every entry type,
# diacritics, particles, suffixes and TeX specials (clients-cv.txt), and a
# Markdown one (styles-cv.md); then bibtex and biber on every CV of
# tests/corpus/.
#
# A missing program skips its checks (exit 77 when nothing ran), unless
# CV2BIB_REQUIRE_TOOLS=1, when it fails them.  Prints TAP, plan last.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"

tmp=$builddir/tests/tmp/clients
rm -rf "$tmp"
mkdir -p "$tmp"

n=0
fail=0
ran=0

ok() { n=$((n + 1)); ran=$((ran + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); ran=$((ran + 1)); fail=$((fail + 1))
	echo "not ok $n - $1"
	[ -n "$2" ] && [ -f "$2" ] && sed 's/^/# /' "$2" | head -n 30
}
# check NAME LOG CMD...: ok when CMD succeeds.
check() {
	what=$1 log=$2
	shift 2
	if "$@"; then ok "$what"; else not_ok "$what" "$log"; fi
}
skip() {
	n=$((n + 1))
	if [ "${CV2BIB_REQUIRE_TOOLS:-0}" = 1 ]; then
		fail=$((fail + 1))
		echo "not ok $n - $1 # $2 is required but missing"
	else
		echo "ok $n - $1 # SKIP $2 not installed"
	fi
}
have() { command -v "$1" >/dev/null 2>&1; }
count() { grep -c -e "$1" "$2" 2>/dev/null; }

# bibtex_clean DIR BIB: bibtex + plain.bst on BIB cites every entry with
# no warning and no error, and the .bbl has one item per entry.
bibtex_clean() {
	printf '\\citation{*}\n\\bibstyle{plain}\n\\bibdata{%s}\n' \
	    "${2%.bib}" >"$1/doc.aux"
	(cd "$1" && bibtex doc) >"$1/bibtex.out" 2>&1 || return 1
	! grep -q -i -E 'warning|error' "$1/bibtex.out" || return 1
	[ "$(count '\\bibitem' "$1/doc.bbl")" -eq "$(count '^@' "$1/$2")" ]
}

# biber_clean DIR: biber --tool reads refs-bl.bib with exit status 0, no
# WARN or ERROR line, and writes every entry back.
biber_clean() {
	(cd "$1" && biber --tool --output-file=tool.bib refs-bl.bib) \
	    >"$1/biber.out" 2>&1 || return 1
	! grep -q -E '^(WARN|ERROR) ' "$1/biber.out" || return 1
	[ "$(count '^@' "$1/tool.bib")" -eq "$(count '^@' "$1/refs-bl.bib")" ]
}

# biber_corpus DIR: biber's data model takes refs-bl.bib; the only
# complaints allowed are a missing date and a volume that is no integer.
biber_corpus() {
	(cd "$1" && biber --tool --validate-datamodel \
	    --output-file=checked.bib refs-bl.bib) >"$1/biber.out" 2>&1 ||
	    return 1
	grep -E '^(WARN|ERROR) ' "$1/biber.out" |
	    grep -v -E "one of 'date, year' must be defined|field 'volume' must be datatype 'integer'" \
	    >"$1/biber.bad"
	[ ! -s "$1/biber.bad" ]
}

# biber_valid DIR: the same with biber's data model checked: every field
# valid for its entry type; the only complaint allowed is a missing date,
# for an entry the CV gives no year (its BibTeX has none either).
biber_valid() {
	(cd "$1" && biber --tool --validate-datamodel \
	    --output-file=checked.bib refs-bl.bib) >"$1/biber.out" 2>&1 ||
	    return 1
	grep -E '^(WARN|ERROR) ' "$1/biber.out" >"$1/biber.bad"
	while IFS= read -r line; do
		key=$(expr "$line" : "WARN - Datamodel: Entry '\([^']*\)' .*Missing mandatory field - one of 'date, year'") ||
		    return 1
		awk -v k="@[A-Za-z]*[{]$key," '
		    $0 ~ "^" k { inside = 1; next }
		    inside && /^@/ { exit }
		    inside && /^  year = / { found = 1 }
		    END { exit found }' "$1/refs.bib" || return 1
	done <"$1/biber.bad"
}

# pandoc_reads DIR FROM FILE: pandoc reads FILE as FROM, quietly, and
# finds as many items as there are BibTeX entries.
pandoc_reads() {
	pandoc -f "$2" -t csljson "$1/$3" >"$1/pandoc.json" 2>"$1/pandoc.err" ||
	    return 1
	[ ! -s "$1/pandoc.err" ] || return 1
	[ "$(count '"id":' "$1/pandoc.json")" -eq "$(count '^@' "$1/refs.bib")" ]
}

# ris_records FILE N: N records, each opened by TY and closed by ER.
ris_records() {
	[ "$(count '^TY  - ' "$1")" -eq "$2" ] &&
	    [ "$(count '^ER  - ' "$1")" -eq "$2" ] &&
	    awk '/^TY  - /{ if (open) exit 1; open = 1 }
	        /^ER  - /{ if (!open) exit 1; open = 0 }
	        END { exit open }' "$1"
}

# csl_schema NAME DIR: report whether DIR/refs.json is valid against the
# CSL 1.0.2 data schema (skipped without python3-jsonschema).
csl_schema() {
	python3 "$srcdir/tests/csl-check.py" "$srcdir/tests/csl-data.json" \
	    "$2/refs.json" >"$2/schema.out" 2>&1
	case $? in
	0) ok "$1: CSL-JSON valid against the CSL 1.0.2 schema" ;;
	77) skip "$1: CSL-JSON schema" python3-jsonschema ;;
	*) not_ok "$1: CSL-JSON schema" "$2/schema.out" ;;
	esac
}

for cv in farshin-cv.txt clients-cv.txt styles-cv.md; do
	name=${cv%.*}
	d=$tmp/$name
	mkdir -p "$d"
	in=$srcdir/tests/data/$cv
	st=0
	for f in bibtex:refs.bib biblatex:refs-bl.bib ris:refs.ris \
	    csl-json:refs.json; do
		"$CV2BIB" -q -f "${f%%:*}" -o "$d/${f#*:}" "$in" \
		    2>>"$d/cv2bib.err" || st=1
	done
	"$CV2BIB" -q --latex -f bibtex -o "$d/ascii.bib" "$in" \
	    2>>"$d/cv2bib.err" || st=1
	entries=$(count '^@' "$d/refs.bib")
	check "$name: cv2bib writes $entries entries in each format, quietly" \
	    "$d/cv2bib.err" \
	    test "$st" -eq 0 -a ! -s "$d/cv2bib.err" -a "$entries" -gt 0

	# The hand-written CV has 15 entries: none may be lost or split.
	if [ "$name" = clients-cv ]; then
		check "$name: all 15 entries of the CV are written" "" \
		    test "$entries" -eq 15
	fi

	if have bibtex && kpsewhich plain.bst >/dev/null 2>&1; then
		check "$name: bibtex with plain.bst reads the BibTeX cleanly" \
		    "$d/bibtex.out" bibtex_clean "$d" refs.bib
		check "$name: bibtex with plain.bst reads the --latex BibTeX" \
		    "$d/bibtex.out" bibtex_clean "$d" ascii.bib
	else
		skip "$name: bibtex with plain.bst" bibtex
		skip "$name: bibtex with plain.bst, --latex" bibtex
	fi
	LC_ALL=C grep -n '[^ -~	]' "$d/ascii.bib" >"$d/ascii.out"
	check "$name: --latex BibTeX is pure ASCII" "$d/ascii.out" \
	    test ! -s "$d/ascii.out"

	if have biber; then
		check "$name: biber --tool reads the BibLaTeX, no warning" \
		    "$d/biber.out" biber_clean "$d"
		check "$name: biber's data model accepts every field" \
		    "$d/biber.bad" biber_valid "$d"
	else
		skip "$name: biber --tool" biber
		skip "$name: biber's data model" biber
	fi

	if have pandoc; then
		check "$name: pandoc reads the BibTeX" "$d/pandoc.err" \
		    pandoc_reads "$d" bibtex refs.bib
		if [ "$name" = clients-cv ]; then
			# Particle and suffix survive a real BibTeX reader.
			check "$name: pandoc sees 'van der' and 'Jr.' in names" \
			    "$d/pandoc.json" eval "grep -q '\"dropping-particle\": \"van der\"' \"$d/pandoc.json\" &&
			    grep -q '\"suffix\": \"Jr.\"' \"$d/pandoc.json\""
		fi
		check "$name: pandoc reads the BibLaTeX" "$d/pandoc.err" \
		    pandoc_reads "$d" biblatex refs-bl.bib
		check "$name: pandoc reads the CSL-JSON" "$d/pandoc.err" \
		    pandoc_reads "$d" csljson refs.json
	else
		skip "$name: pandoc reads the BibTeX" pandoc
		skip "$name: pandoc reads the BibLaTeX" pandoc
		skip "$name: pandoc reads the CSL-JSON" pandoc
	fi

	# The CSL-JSON is valid against the CSL 1.0.2 data schema.
	csl_schema "$name" "$d"

	check "$name: RIS has one TY ... ER record per entry" "$d/refs.ris" \
	    ris_records "$d/refs.ris" "$entries"
	check "$name: CSL-JSON has one item per entry" "" \
	    test "$(count '^    "id": ' "$d/refs.json")" -eq "$entries"

	# The other libbibutils formats: a record per entry, nothing on
	# stderr, well-formed XML where the format is XML.
	for f in endnote:'^%0 ' ads:'^%T ' isi:'^PT ' nbib:'^TI  - ' \
	    mods:'<mods ' word2007:'<b:Source>'; do
		fmt=${f%%:*}
		"$CV2BIB" -q -f "$fmt" "$in" >"$d/out.$fmt" 2>"$d/err.$fmt"
		st=$?
		got=$(count "${f#*:}" "$d/out.$fmt")
		check "$name: $fmt has $entries records, nothing on stderr" \
		    "$d/err.$fmt" test "$st" -eq 0 -a ! -s "$d/err.$fmt" \
		    -a "$got" -eq "$entries"
	done
	if have xmllint; then
		check "$name: MODS and Word 2007 output are well-formed XML" \
		    "$d/xml.err" eval "xmllint --noout \"$d/out.mods\" \
		    \"$d/out.word2007\" 2>\"$d/xml.err\""
	else
		skip "$name: MODS and Word 2007 well-formed" xmllint
	fi
done

# Every CV of tests/corpus/ (real ones and style samples): bibtex with
# plain.bst reads its BibTeX with no warning, biber its BibLaTeX with no
# complaint but a missing date (an entry without a year) or a volume that
# is no integer ("102-B"), and its CSL-JSON is valid: the writers hold on
# inputs nobody wrote for them.
for src in "$srcdir"/tests/corpus/*.txt "$srcdir"/tests/corpus/*.md \
    "$srcdir"/tests/corpus/*.html "$srcdir"/tests/corpus/*.tex; do
	name=$(basename "$src")
	name=corpus-${name%.*}
	d=$tmp/$name
	mkdir -p "$d"
	"$CV2BIB" -q -f bibtex -o "$d/refs.bib" "$src" 2>/dev/null
	"$CV2BIB" -q -f biblatex -o "$d/refs-bl.bib" "$src" 2>/dev/null
	if have bibtex && kpsewhich plain.bst >/dev/null 2>&1; then
		check "$name: bibtex with plain.bst reads the BibTeX cleanly" \
		    "$d/bibtex.out" bibtex_clean "$d" refs.bib
	else
		skip "$name: bibtex with plain.bst" bibtex
	fi
	if have biber; then
		check "$name: biber's data model takes the BibLaTeX" \
		    "$d/biber.bad" biber_corpus "$d"
	else
		skip "$name: biber's data model" biber
	fi
	"$CV2BIB" -q -f csl-json -o "$d/refs.json" "$src" 2>/dev/null
	csl_schema "$name" "$d"
done

echo "1..$n"
[ "$ran" -eq 0 ] && exit 77
[ "$fail" -eq 0 ]
