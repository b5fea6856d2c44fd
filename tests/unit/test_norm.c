/*
 * test_norm.c -- the normalisation rules shipped in data/.
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

#include "entry.h"
#include "norm.h"
#include "rules_fixture.h"


/* Normalise one field of a fresh entry of type t. */
static void
check(enum entry_type t, enum field f, const char *in, const char *want)
{
	struct entry *e = entry_new();

	e->type = t;
	entry_set(e, f, in);
	norm_entry(rules, e);
	if (want == NULL)
		assert_null(e->f[f]);
	else
		assert_string_equal(e->f[f], want);
	entry_free(e);
}

static void
test_norm_venue_glue_words(void **state)
{
	(void)state;
	check(TYPE_CONFERENCE, FIELD_CONTAINER, "In The 20th International "
	    "Conference on X", "International Conference on X");
	check(TYPE_CONFERENCE, FIELD_CONTAINER, "Proceedings of the 19th USENIX "
	    "Symposium on Networked Systems Design and Implementation",
	    "USENIX Symposium on Networked Systems Design and Implementation");
	check(TYPE_CONFERENCE, FIELD_CONTAINER, "The Second International "
	    "Workshop on Code", "International Workshop on Code");
	check(TYPE_ARTICLE, FIELD_CONTAINER, "The Journal of Supercomputing",
	    "Journal of Supercomputing");
	check(TYPE_PREPRINT, FIELD_CONTAINER, "ArXiv Preprint", "arXiv");
	check(TYPE_CONFERENCE, FIELD_CONTAINER, "Proc. of NSDI 2022", "NSDI");
	/* Journals named "Proceedings": an academy's, a society's. */
	check(TYPE_ARTICLE, FIELD_CONTAINER, "Proceedings of the National "
	    "Academy of Sciences of the USA", "Proceedings of the National "
	    "Academy of Sciences of the USA");
	check(TYPE_ARTICLE, FIELD_CONTAINER, "Proceedings of the American "
	    "Mathematical Society", "Proceedings of the American "
	    "Mathematical Society");
	check(TYPE_ARTICLE, FIELD_CONTAINER, "Proceedings of the VLDB "
	    "Endowment", "Proceedings of the VLDB Endowment");
}

static void
test_norm_pages_and_months(void **state)
{
	(void)state;
	check(TYPE_ARTICLE, FIELD_PAGES, "45 – 67", "45-67");
	check(TYPE_ARTICLE, FIELD_PAGES, "12:1--12:20", "12:1-12:20");
	check(TYPE_ARTICLE, FIELD_MONTH, "October", "10");
	check(TYPE_ARTICLE, FIELD_MONTH, "Sept.", "9");
	/* A double issue: one hyphen; "Suppl-1" is a name. */
	check(TYPE_ARTICLE, FIELD_ISSUE, "3\xe2\x80\x93" "4", "3-4");
	check(TYPE_ARTICLE, FIELD_ISSUE, "Suppl-1", "Suppl-1");
}

static void
test_norm_patent_office_from_number(void **state)
{
	struct entry *e = entry_new();

	(void)state;
	e->type = TYPE_PATENT;
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	norm_entry(rules, e);
	assert_string_equal(e->f[FIELD_AUTHORITY], "WO");
	entry_free(e);
	e = entry_new();
	e->type = TYPE_PATENT;
	entry_set(e, FIELD_NUMBER, "18/926,233");
	norm_entry(rules, e);
	assert_string_equal(e->f[FIELD_AUTHORITY], "US");
	entry_free(e);
}

static void
test_norm_user_rule_applies_after_installed(void **state)
{
	struct entry *e = entry_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(rules_load_string(rules, "user.rules", "container "
	    "/^Journal of Supercomputing$/ \"The Journal of Supercomputing\"\n",
	    &cause), 0);
	e->type = TYPE_ARTICLE;
	entry_set(e, FIELD_CONTAINER, "In The Journal of Supercomputing");
	norm_entry(rules, e);
	assert_string_equal(e->f[FIELD_CONTAINER], "The Journal of "
	    "Supercomputing");
	entry_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_venue_glue_words),
		cmocka_unit_test(test_norm_pages_and_months),
		cmocka_unit_test(test_norm_patent_office_from_number),
		cmocka_unit_test(test_norm_user_rule_applies_after_installed),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
