/*
 * test_dedup.c -- the same work listed twice.
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

#include "dedup.h"
#include "entry_fixture.h"

static void
test_dedup_same_title_other_case_and_punctuation(void **state)
{
	struct dedup *d = dedup_new();
	struct entry *a = make_entry(TYPE_CONFERENCE, "Farshin", "2021",
	    "PacketMill: Toward per-core 100-Gbps Networking");
	struct entry *b = make_entry(TYPE_WORKSHOP, "Farshin", "2021",
	    "Packetmill -- toward per-core 100 Gbps networking.");

	(void)state;
	a->line = 72;
	b->line = 114;
	assert_int_equal(dedup_check(d, a), 0);
	assert_int_equal(dedup_check(d, b), 72);
	entry_free(a);
	entry_free(b);
	dedup_free(d);
}

static void
test_dedup_different_works(void **state)
{
	struct dedup *d = dedup_new();
	struct entry *a = make_entry(TYPE_ARTICLE, "Farshin", "2021", "One");
	struct entry *b = make_entry(TYPE_ARTICLE, "Farshin", "2021", "Two");
	struct entry *c = make_entry(TYPE_ARTICLE, "Other", "2021", "One");

	(void)state;
	assert_int_equal(dedup_check(d, a), 0);
	assert_int_equal(dedup_check(d, b), 0);
	assert_int_equal(dedup_check(d, c), 0);
	entry_free(a);
	entry_free(b);
	entry_free(c);
	dedup_free(d);
}

static void
test_dedup_patents_differ_by_number(void **state)
{
	struct dedup *d = dedup_new();
	struct entry *a = make_entry(TYPE_PATENT, "Roozbeh", NULL, "Network "
	    "Entity and Method");
	struct entry *b = make_entry(TYPE_PATENT, "Roozbeh", NULL, "Network "
	    "Entity and Method");

	(void)state;
	entry_set(a, FIELD_NUMBER, "PCT/SE2023/050880");
	entry_set(b, FIELD_NUMBER, "63/511,198");
	assert_int_equal(dedup_check(d, a), 0);
	assert_int_equal(dedup_check(d, b), 0);
	entry_free(a);
	entry_free(b);
	dedup_free(d);
}

static void
test_dedup_grows(void **state)
{
	struct dedup *d = dedup_new();
	char title[32];
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		struct entry *e;

		snprintf(title, sizeof(title), "Title number %d", i);
		e = make_entry(TYPE_ARTICLE, "Smith", "2020", title);
		e->line = (unsigned long)i + 1;
		assert_int_equal(dedup_check(d, e), 0);
		entry_free(e);
	}
	{
		struct entry *e = make_entry(TYPE_ARTICLE, "Smith", "2020",
		    "Title number 1234");

		assert_int_equal(dedup_check(d, e), 1235);
		entry_free(e);
	}
	dedup_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedup_same_title_other_case_and_punctuation),
		cmocka_unit_test(test_dedup_different_works),
		cmocka_unit_test(test_dedup_patents_differ_by_number),
		cmocka_unit_test(test_dedup_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
