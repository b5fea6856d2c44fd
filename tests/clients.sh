#!/bin/sh
# clients.sh -- the outputs checked by the programs people read them with:
#   bibtex with plain.bst, biber --tool, pandoc, and the CSL 1.0.2 schema.
# A missing program skips its checks (exit 77 when all are skipped), unless
# CV2BIB_REQUIRE_TOOLS=1, when it fails them.  Prints TAP.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"
export CV2BIB_DATADIR="${CV2BIB_DATADIR:-$srcdir/data}"

tmp=$builddir/tests/tmp/clients
rm -rf "$tmp"
mkdir -p "$tmp"

cvs="farshin-cv.txt styles-cv.md"
n=0
fail=0
ran=0
echo "1..$((7 * 2 + 7))"

ok() { n=$((n + 1)); ran=$((ran + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1)); ran=$((ran + 1)); fail=$((fail + 1))
	echo "not ok $n - $1"
	[ -f "$2" ] && sed 's/^/# /' "$2" | head -n 30
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

for cv in $cvs; do
	name=${cv%.*}
	d=$tmp/$name
	mkdir -p "$d"
	"$CV2BIB" -q -f bibtex "$srcdir/tests/data/$cv" >"$d/refs.bib"
	"$CV2BIB" -q -f biblatex "$srcdir/tests/data/$cv" >"$d/refs-bl.bib"
	"$CV2BIB" -q -f ris "$srcdir/tests/data/$cv" >"$d/refs.ris"
	"$CV2BIB" -q -f csl-json "$srcdir/tests/data/$cv" >"$d/refs.json"
	entries=$(grep -c '^@' "$d/refs.bib")

	# bibtex + plain.bst: every entry cited, no warning, no error.
	if have bibtex && kpsewhich plain.bst >/dev/null 2>&1; then
		printf '\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n' \
		    >"$d/doc.aux"
		(cd "$d" && bibtex doc) >"$d/bibtex.out" 2>&1
		if [ $? -eq 0 ] && ! grep -q -i -E 'warning|error' "$d/bibtex.out" &&
		    [ "$(grep -c '\\bibitem' "$d/doc.bbl")" -eq "$entries" ]; then
			ok "$name: bibtex with plain.bst reads all $entries entries cleanly"
		else
			not_ok "$name: bibtex with plain.bst" "$d/bibtex.out"
		fi
	else
		skip "$name: bibtex with plain.bst" bibtex
	fi

	# biber --tool: reads the BibLaTeX; with the data model checked, the
	# only complaint allowed is a date the CV does not give.
	if have biber; then
		(cd "$d" && biber --tool --validate-datamodel \
		    --output-file=checked.bib refs-bl.bib) >"$d/biber.out" 2>&1
		st=$?
		grep -E '^(WARN|ERROR) ' "$d/biber.out" |
		    grep -v "Missing mandatory field - one of 'date, year'" \
		    >"$d/biber.bad"
		got=$(grep -c '^@' "$d/checked.bib" 2>/dev/null)
		if [ $st -eq 0 ] && [ ! -s "$d/biber.bad" ] && [ "$got" = "$entries" ]; then
			ok "$name: biber --tool reads all $entries BibLaTeX entries"
		else
			cat "$d/biber.bad" >>"$d/biber.out"
			not_ok "$name: biber --tool (status $st, $got entries)" "$d/biber.out"
		fi
	else
		skip "$name: biber --tool" biber
	fi

	# pandoc reads the BibTeX and the CSL-JSON, and finds every entry.
	if have pandoc; then
		got=$(pandoc -f bibtex -t csljson "$d/refs.bib" 2>"$d/pandoc.err" |
		    grep -c '"id":')
		if [ "$got" = "$entries" ] && [ ! -s "$d/pandoc.err" ]; then
			ok "$name: pandoc reads the BibTeX ($got entries)"
		else
			not_ok "$name: pandoc reads the BibTeX ($got of $entries)" "$d/pandoc.err"
		fi
		got=$(pandoc -f csljson -t csljson "$d/refs.json" 2>"$d/pandoc.err" |
		    grep -c '"id":')
		if [ "$got" = "$entries" ] && [ ! -s "$d/pandoc.err" ]; then
			ok "$name: pandoc reads the CSL-JSON ($got entries)"
		else
			not_ok "$name: pandoc reads the CSL-JSON ($got of $entries)" "$d/pandoc.err"
		fi
	else
		skip "$name: pandoc reads the BibTeX" pandoc
		skip "$name: pandoc reads the CSL-JSON" pandoc
	fi

	# The CSL-JSON is valid against the CSL 1.0.2 data schema.
	python3 "$srcdir/tests/csl-check.py" "$srcdir/tests/csl-data.json" \
	    "$d/refs.json" >"$d/schema.out" 2>&1
	case $? in
	0) ok "$name: CSL-JSON valid against the CSL 1.0.2 schema" ;;
	77) skip "$name: CSL-JSON schema" python3-jsonschema ;;
	*) not_ok "$name: CSL-JSON schema" "$d/schema.out" ;;
	esac

	# The formats agree: as many RIS records and CSL items as BibTeX ones.
	ris=$(grep -c '^TY  - ' "$d/refs.ris")
	csl=$(grep -c '^    "id": ' "$d/refs.json")
	if [ "$ris" = "$entries" ] && [ "$csl" = "$entries" ] && [ "$entries" -gt 0 ]; then
		ok "$name: BibTeX, RIS and CSL-JSON hold the same $entries entries"
	else
		not_ok "$name: formats disagree: bibtex $entries, ris $ris, csl $csl"
	fi

	# With --latex the BibTeX is pure ASCII and still clean for bibtex.
	"$CV2BIB" -q --latex -f bibtex "$srcdir/tests/data/$cv" >"$d/ascii.bib"
	if LC_ALL=C grep -q -P '[^\x00-\x7f]' "$d/ascii.bib"; then
		LC_ALL=C grep -n -P '[^\x00-\x7f]' "$d/ascii.bib" >"$d/ascii.out"
		not_ok "$name: --latex leaves non-ASCII" "$d/ascii.out"
	else
		ok "$name: --latex BibTeX is pure ASCII"
	fi
done
# The other libbibutils formats: a record per entry, nothing on stderr,
# and well-formed XML where the format is XML.
d=$tmp/other
mkdir -p "$d"
cv=$srcdir/tests/data/farshin-cv.txt
for f in endnote:'^%0 ' ads:'^%T ' isi:'^PT ' nbib:'^TI  - ' mods:'<mods ' \
    word2007:'<b:Source>'; do
	fmt=${f%%:*}
	re=${f#*:}
	"$CV2BIB" -q -f "$fmt" "$cv" >"$d/out.$fmt" 2>"$d/err.$fmt"
	st=$?
	got=$(grep -c -e "$re" "$d/out.$fmt")
	if [ "$st" -eq 0 ] && [ ! -s "$d/err.$fmt" ] && [ "$got" -eq 38 ]; then
		ok "$fmt: 38 records, nothing on stderr"
	else
		not_ok "$fmt: status $st, $got records" "$d/err.$fmt"
	fi
done
if have xmllint; then
	if xmllint --noout "$d/out.mods" "$d/out.word2007" 2>"$d/xml.err"; then
		ok "MODS and Word 2007 output are well-formed XML"
	else
		not_ok "MODS or Word 2007 XML is not well-formed" "$d/xml.err"
	fi
else
	skip "MODS and Word 2007 well-formed" xmllint
fi

[ "$ran" -eq 0 ] && exit 77
[ "$fail" -eq 0 ]
