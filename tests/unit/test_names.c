/*
 * test_names.c -- author lists in the orders CVs use.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "entry.h"
#include "names.h"
#include "rules_fixture.h"


/* "family|given|particle|suffix; ..." for comparison. */
static char *
show(const struct namelist *nl)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < nl->n; i++) {
		const struct name *n = &nl->v[i];

		buf_printf(&b, "%s%s|%s|%s|%s", i ? "; " : "",
		    n->family ? n->family : "", n->given ? n->given : "",
		    n->particle ? n->particle : "", n->suffix ? n->suffix : "");
	}
	if (nl->etal)
		buf_puts(&b, "; et al.");
	return buf_take(&b);
}

/* Scan s; check the names and what is left after the list. */
static void
check(const char *s, const char *names, const char *rest)
{
	struct namelist nl;
	int ended;
	size_t used;
	char *got;

	memset(&nl, 0, sizeof(nl));
	used = names_scan(rules, s, &nl, &ended);
	got = show(&nl);
	assert_string_equal(got, names);
	assert_string_equal(s + used, rest);
	free(got);
	namelist_clear(&nl);
}

static void
test_names_natural_order_with_suffix_and_diacritics(void **state)
{
	(void)state;
	check("Hamid Ghasemirahni, Gerald Q. Maguire Jr., Dejan Kostić, Marco "
	    "Chiesa. FAJITA: Stateful", "Ghasemirahni|Hamid||; Maguire|Gerald "
	    "Q.||Jr.; Kostić|Dejan||; Chiesa|Marco||", "FAJITA: Stateful");
}

static void
test_names_suffix_with_stop_ends_the_list(void **state)
{
	(void)state;
	check("Dejan Kostić, Gerald Q. Maguire Jr. Processing Unit, Packet "
	    "Handling", "Kostić|Dejan||; Maguire|Gerald Q.||Jr.",
	    "Processing Unit, Packet Handling");
	check("Dejan Kostić, Gerald Q. Maguire Jr, Hamid Ghasemirahni. T",
	    "Kostić|Dejan||; Maguire|Gerald Q.||Jr; Ghasemirahni|Hamid||", "T");
}

static void
test_names_ieee_initials_and_quoted_title(void **state)
{
	(void)state;
	check("A. B. Smith, C. Jones, and D. van der Berg, “A Title,” in Proc.",
	    "Smith|A. B.||; Jones|C.||; Berg|D.|van der|",
	    "“A Title,” in Proc.");
}

static void
test_names_apa_inverted_with_ampersand(void **state)
{
	(void)state;
	check("Smith, J. A., García-Márquez, G., & de la Cruz, M. (2020). T.",
	    "Smith|J. A.||; García-Márquez|G.||; Cruz|M.|de la|",
	    "(2020). T.");
}

static void
test_names_vancouver(void **state)
{
	(void)state;
	check("Smith AB, Jones C, Kostić D. Title of it. J Abbr. 2020;1:2.",
	    "Smith|A. B.||; Jones|C.||; Kostić|D.||", "Title of it. J Abbr. "
	    "2020;1:2.");
}

static void
test_names_et_al_and_marks(void **state)
{
	(void)state;
	check("Alireza Farshin*, Amir Roozbeh†, et al. Title.",
	    "Farshin|Alireza||; Roozbeh|Amir||; et al.", "Title.");
	check("Smith, J., and others. 2020. T.", "Smith|J.||; et al.",
	    "2020. T.");
}

static void
test_names_inverted_full_given_names(void **state)
{
	(void)state;
	check("Farshin, Alireza, and Sharifian, Saeed. Title.",
	    "Farshin|Alireza||; Sharifian|Saeed||", "Title.");
}

static void
test_names_all_caps_family(void **state)
{
	(void)state;
	check("FARSHIN, A. and KOSTIC, D. Title.", "Farshin|A.||; Kostic|D.||",
	    "Title.");
}

static void
test_names_text_that_is_no_name(void **state)
{
	struct namelist nl;
	int ended;

	(void)state;
	memset(&nl, 0, sizeof(nl));
	assert_int_equal(names_scan(rules, "“Quoted title,” in Proc.", &nl,
	    &ended), 0);
	assert_int_equal(names_scan(rules, "the quick brown fox", &nl,
	    &ended), 0);
	namelist_clear(&nl);
}

static void
test_names_mark_self(void **state)
{
	struct namelist nl;
	const char *self[] = { "Alireza Farshin" };
	int ended;

	(void)state;
	memset(&nl, 0, sizeof(nl));
	names_scan(rules, "Amir Roozbeh, Alireza Farshin. T", &nl, &ended);
	names_mark_self(&nl, self, 1);
	assert_int_equal(nl.v[0].flags & NAME_SELF, 0);
	assert_int_equal(nl.v[1].flags & NAME_SELF, NAME_SELF);
	namelist_clear(&nl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_names_natural_order_with_suffix_and_diacritics),
		cmocka_unit_test(test_names_suffix_with_stop_ends_the_list),
		cmocka_unit_test(test_names_ieee_initials_and_quoted_title),
		cmocka_unit_test(test_names_apa_inverted_with_ampersand),
		cmocka_unit_test(test_names_vancouver),
		cmocka_unit_test(test_names_et_al_and_marks),
		cmocka_unit_test(test_names_inverted_full_given_names),
		cmocka_unit_test(test_names_all_caps_family),
		cmocka_unit_test(test_names_text_that_is_no_name),
		cmocka_unit_test(test_names_mark_self),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
