#!/bin/sh
# man.sh -- the manual page is clean mdoc, and --help, the manual and the
# README agree: every option of main.c's longopts[] (with its short form)
# and every format --help lists is in all three.  Prints TAP.

. "${srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
tap_setup man
page=$srcdir/man/cv2bib.1
readme=$srcdir/README

"$CV2BIB" --help >help.txt 2>err
# "{ "format", required_argument, NULL, 'f' }," -> "format:f" ("check:" for
# an option without a short form).
opts=$(sed -n '/^static const struct option longopts/,/^};/p' \
    "$srcdir/src/main.c" |
    sed -n "s/^[^\"]*{ \"\([a-z-]*\)\",.*'\(.\)' },*\$/\1:\2/p
	    s/^[^\"]*{ \"\([a-z-]*\)\",.*OPT_[A-Z_]* },*\$/\1:/p")
formats=$(sed -n '/^Formats:/,/^$/p' help.txt | awk 'NF > 1 { print $1 }')
nopts=$(echo "$opts" | wc -w)
nformats=$(echo "$formats" | wc -w)

plan $((4 + nopts * 3 + nformats * 2))

check "longopts[] has the 12 options of the specification and --compile-rules" \
    test "$nopts" -eq 13
check "--help lists the formats" test "$nformats" -ge 4
if have mandoc; then
	mandoc -Tlint -W warning "$page" >err 2>&1
	check "mandoc -Tlint -W warning finds nothing" test ! -s err
else
	skip_tool "mandoc -Tlint -W warning" mandoc
fi
if have groff; then
	groff -mdoc -ww -z "$page" >err 2>&1
	check "groff -mdoc -ww renders without warnings" test ! -s err
else
	skip_tool "groff -mdoc -ww" groff
fi
: >err
for o in $opts; do
	long=${o%%:*}
	short=${o#*:}
	if [ -n "$short" ]; then
		check "-$short, --$long is in --help" \
		    grep -q -e "^  -$short, --$long" help.txt
		# mdoc: ".It Fl f , -format Ns = Ns Ar format"
		check "-$short, --$long is in the manual's OPTIONS" \
		    grep -q -E -e "^\\.It Fl $short , -$long( |\$)" "$page"
		check "-$short, --$long is in the README" \
		    grep -q -e "-$short, --$long" "$readme"
	else
		check "--$long is in --help" grep -q -e "^      --$long" help.txt
		check "--$long is in the manual's OPTIONS" \
		    grep -q -E -e "^\\.It Fl -$long( |\$)" "$page"
		check "--$long is in the README" grep -q -e "--$long" "$readme"
	fi
done
for f in $formats; do
	check "format $f is in the manual's FORMATS" \
	    grep -q -e "^\\.It Cm $f\$" "$page"
	check "format $f is in the README" grep -q -w -e "$f" "$readme"
done
done_testing
