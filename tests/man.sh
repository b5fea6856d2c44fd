#!/bin/sh
# man.sh -- the manual page is clean mdoc and agrees with --help: every
# long option of main.c's longopts[] and every format is in both.  TAP.

: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${CV2BIB:=$builddir/cv2bib}"

. "$srcdir/tests/lib.sh"

page=$srcdir/man/cv2bib.1
tmp=$builddir/tests/tmp/man
mkdir -p "$tmp"
cd "$tmp" || exit 99
"$CV2BIB" --help >help.txt
opts=$(sed -n '/^static const struct option longopts/,/^};/p' \
    "$srcdir/src/main.c" | sed -n 's/^[^"]*{ "\([a-z-]*\)".*/\1/p')
formats=$(sed -n '/^Formats:/,/^$/p' help.txt | awk 'NF > 1 { print $1 }')

plan $((2 + $(echo "$opts" | wc -w) * 2 + $(echo "$formats" | wc -w)))

if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$page" >err 2>&1
	check "mandoc -Tlint finds nothing" test ! -s err
else
	skip "mandoc -Tlint" "mandoc not installed"
fi
if command -v groff >/dev/null 2>&1; then
	groff -mdoc -ww -z "$page" >err 2>&1
	check "groff -mdoc -ww renders without warnings" test ! -s err
else
	skip "groff -mdoc" "groff not installed"
fi
: >err
for o in $opts; do
	check "--$o is in --help" grep -q -e "--$o" help.txt
	# mdoc writes --check as "Fl -check".
	check "--$o is in the manual" grep -q -E -e "(Fl|,) -$o( |$)" "$page"
done
for f in $formats; do
	check "format $f is in the manual" grep -q -e "^\.It Cm $f\$" "$page"
done
done_testing
