/*
 * test_tex.c -- text to correct LaTeX for BibTeX fields.
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
test_tex_escapes_specials(void **state)
{
	(void)state;
	check(tex_escape("100% & $5 #1 a_b {x} ~ ^ \\", 0),
	    "100\\% \\& \\$5 \\#1 a\\_b \\{x\\} {\\textasciitilde} "
	    "{\\textasciicircum} {\\textbackslash}");
}

static void
test_tex_keeps_utf8_by_default(void **state)
{
	(void)state;
	check(tex_escape("Kostić ≈ 18.8%", 0), "Kostić ≈ 18.8\\%");
}

static void
test_tex_latex_mode_maps_non_ascii(void **state)
{
	(void)state;
	check(tex_escape("Kostić Müller Æsir straße Łódź ï", 1),
	    "Kosti{\\'c} M{\\\"u}ller {\\AE}sir stra{\\ss}e {\\L}{\\'o}d{\\'z} "
	    "{\\\"\\i}");
	check(tex_escape("28/104 ≈ 26.9% – “quoted”", 1),
	    "28/104 $\\approx$ 26.9\\% -- ``quoted''");
	check(tex_escape("Šimić Čapek", 1), "{\\v{S}}imi{\\'c} {\\v{C}}apek");
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
}

static void
test_tex_title_escapes_inside_protection(void **state)
{
	(void)state;
	check(tex_title("R&D at 100% in the lab of C#", 0),
	    "{R\\&D} at 100\\% in the lab of {C\\#}");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tex_escapes_specials),
		cmocka_unit_test(test_tex_keeps_utf8_by_default),
		cmocka_unit_test(test_tex_latex_mode_maps_non_ascii),
		cmocka_unit_test(test_tex_title_protects_acronyms_and_inner_capitals),
		cmocka_unit_test(test_tex_title_escapes_inside_protection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
