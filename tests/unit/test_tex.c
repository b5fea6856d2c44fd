/*
 * test_tex.c -- plain UTF-8 text to correct LaTeX for BibTeX fields.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tex.h"

static void
check(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void
test_tex_escapes_each_special(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "%", "\\%" }, { "&", "\\&" }, { "$", "\\$" }, { "#", "\\#" },
		{ "_", "\\_" }, { "{", "\\{" }, { "}", "\\}" },
		{ "~", "{\\textasciitilde}" }, { "^", "{\\textasciicircum}" },
		{ "\\", "{\\textbackslash}" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check(tex_escape(cases[i].in, 0), cases[i].out);
		check(tex_escape(cases[i].in, 1), cases[i].out);
	}
	check(tex_escape("100% & $5 #1 a_b {x} ~ ^ \\", 0),
	    "100\\% \\& \\$5 \\#1 a\\_b \\{x\\} {\\textasciitilde} "
	    "{\\textasciicircum} {\\textbackslash}");
	check(tex_escape("", 0), "");
	check(tex_escape("plain text, nothing to do.", 1),
	    "plain text, nothing to do.");
}

static void
test_tex_keeps_utf8_by_default(void **state)
{
	(void)state;
	check(tex_escape("Kostić ≈ 18.8% – “ok”", 0),
	    "Kostić ≈ 18.8\\% – “ok”");
}

static void
test_tex_latex_maps_diacritics(void **state)
{
	(void)state;
	check(tex_escape("é ć ü ø ß", 1), "{\\'e} {\\'c} {\\\"u} {\\o} {\\ss}");
	check(tex_escape("Kostić Müller Æsir Łódź ï ñ à ç", 1),
	    "Kosti{\\'c} M{\\\"u}ller {\\AE}sir {\\L}{\\'o}d{\\'z} {\\\"\\i} "
	    "{\\~n} {\\`a} {\\c{c}}");
	check(tex_escape("Šimić Čapek Ødegård Erdős ą ė ī ů ğ ő", 1),
	    "{\\v{S}}imi{\\'c} {\\v{C}}apek {\\O}deg{\\aa}rd Erd{\\H{o}}s "
	    "{\\k{a}} {\\.e} {\\=\\i} {\\r{u}} {\\u{g}} {\\H{o}}");
	check(tex_escape("ı Œuvre þ Ð ŋ", 1),
	    "{\\i} {\\OE}uvre {\\th} {\\DH} {\\ng}");
}

static void
test_tex_latex_maps_punctuation_and_maths(void **state)
{
	(void)state;
	check(tex_escape("28/104 ≈ 26.9% – “quoted” — ‘x’", 1),
	    "28/104 $\\approx$ 26.9\\% -- ``quoted'' --- `x'");
	check(tex_escape("≤ ≥ × ± µ ° … € ™ § ©", 1),
	    "$\\leq$ $\\geq$ $\\times$ $\\pm$ $\\mu$ {\\textdegree} {\\ldots} "
	    "{\\texteuro} {\\texttrademark} {\\S} {\\copyright}");
	check(tex_escape("α-helix, Δt → ∞, x² ≠ y", 1),
	    "$\\alpha$-helix, {$\\Delta$}t $\\rightarrow$ $\\infty$, "
	    "x$^{2}$ $\\neq$ y");
	/* No-break space, soft hyphen (dropped), zero-width space. */
	check(tex_escape("a\xc2\xa0" "b hy\xc2\xad" "phen z\xe2\x80\x8bw", 1),
	    "a~b hyphen zw");
}

static void
test_tex_latex_leaves_unmapped_characters_as_utf8(void **state)
{
	(void)state;
	check(tex_escape("ħ 東京 Ŧ", 1), "ħ 東京 Ŧ");
}

static void
test_tex_title_protects_acronyms_and_inner_capitals(void **state)
{
	(void)state;
	check(tex_title("FAJITA: Stateful Packet Processing", 0),
	    "{FAJITA}: Stateful Packet Processing");
	check(tex_title("NetConfEval: Can LLMs Facilitate Network "
	    "Configuration?", 0), "{NetConfEval}: Can {LLMs} Facilitate "
	    "Network Configuration?");
	check(tex_title("Overcoming the IOTLB wall for multi-100-Gbps "
	    "Linux-based networking", 0), "Overcoming the {IOTLB} wall for "
	    "multi-100-{Gbps} {Linux}-based networking");
	check(tex_title("Optimizing I/O for 5G (SDMN) networks", 0),
	    "Optimizing {I/O} for {5G} ({SDMN}) networks");
	check(tex_title("Offloading with eBPF and IPv6 on B4", 0),
	    "Offloading with {eBPF} and {IPv6} on {B4}");
}

static void
test_tex_title_leaves_title_case_words_alone(void **state)
{
	(void)state;
	check(tex_title("Make the Most out of Last Level Cache in Intel "
	    "Processors", 0), "Make the Most out of Last Level Cache in Intel "
	    "Processors");
	check(tex_title("Packet Order Matters! Improving Application "
	    "Performance", 0), "Packet Order Matters! Improving Application "
	    "Performance");
	check(tex_title("", 0), "");
}

static void
test_tex_title_protects_proper_nouns_in_sentence_case(void **state)
{
	(void)state;
	/* Lower-case words show sentence case: capitals are names. */
	check(tex_title("A study of caching in Sweden and Norway", 0),
	    "A study of caching in {Sweden} and {Norway}");
	/* After a colon or question mark a capital starts a sentence. */
	check(tex_title("Caching: A study of the cost in Europe", 0),
	    "Caching: A study of the cost in {Europe}");
	check(tex_title("Why now? Because caching helps Intel chips", 0),
	    "Why now? Because caching helps {Intel} chips");
	/* Non-ASCII capitals count too. */
	check(tex_title("Caching revisited in Örebro", 1),
	    "Caching revisited in {{\\\"O}rebro}");
}

static void
test_tex_title_keeps_punctuation_outside_braces(void **state)
{
	(void)state;
	check(tex_title("The “FAJITA” system, (NFV) and [DPDK].", 0),
	    "The “{FAJITA}” system, ({NFV}) and [{DPDK}].");
	check(tex_title("The “FAJITA” system", 1),
	    "The ``{FAJITA}'' system");
}

static void
test_tex_title_escapes_inside_protection(void **state)
{
	(void)state;
	check(tex_title("R&D at 100% in the lab of C#", 0),
	    "{R\\&D} at 100\\% in the lab of {C\\#}");
	check(tex_title("KOSTIĆ and the NFV_X box", 1),
	    "{KOSTI{\\'C}} and the {NFV\\_X} box");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tex_escapes_each_special),
		cmocka_unit_test(test_tex_keeps_utf8_by_default),
		cmocka_unit_test(test_tex_latex_maps_diacritics),
		cmocka_unit_test(test_tex_latex_maps_punctuation_and_maths),
		cmocka_unit_test(
		    test_tex_latex_leaves_unmapped_characters_as_utf8),
		cmocka_unit_test(
		    test_tex_title_protects_acronyms_and_inner_capitals),
		cmocka_unit_test(test_tex_title_leaves_title_case_words_alone),
		cmocka_unit_test(
		    test_tex_title_protects_proper_nouns_in_sentence_case),
		cmocka_unit_test(
		    test_tex_title_keeps_punctuation_outside_braces),
		cmocka_unit_test(test_tex_title_escapes_inside_protection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
