/*
 * test_section.c -- headings: which list are we in?
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

#include "clean.h"
#include "entry.h"
#include "section.h"
#include "rules_fixture.h"

static void
check_normalise(const char *text, const char *want)
{
	char *got = section_normalise(text);

	assert_string_equal(got, want);
	free(got);
}

static void
test_section_normalise(void **state)
{
	(void)state;
	check_normalise("3. Conference Publications.....", "Conference "
	    "Publications");
	check_normalise("IV. Patents:", "Patents");
	check_normalise("Journal Papers \xe2\x80\x94", "Journal Papers");
	check_normalise("Patents \xe2\x80\xa6", "Patents");
	/* "演" ends in the byte "—" ends in: it stays whole. */
	check_normalise("\xe6\x8b\x9b\xe5\xbe\x85\xe8\xac\x9b\xe6\xbc\x94",
	    "\xe6\x8b\x9b\xe5\xbe\x85\xe8\xac\x9b\xe6\xbc\x94");
}

/* Feed a heading of markup rank r; returns whether it was one. */
static int
feed(struct sectioner *s, const char *text, int rank)
{
	struct cline cl;

	memset(&cl, 0, sizeof(cl));
	cl.s = text;
	cl.heading = rank;
	cl.lineno = 1;
	return section_feed(s, &cl, 1);
}

static void
test_section_types_and_sub_headings(void **state)
{
	struct sectioner *s = section_new(rules, "cv.md");

	(void)state;
	assert_true(feed(s, "Publications", 2));
	assert_int_equal(section_state(s), SECTION_PUBS);
	assert_int_equal(section_type(s), TYPE_UNKNOWN);
	assert_true(feed(s, "Journal Articles (12)", 3));
	assert_int_equal(section_type(s), TYPE_ARTICLE);
	/* An unknown sub-heading: back to the publications above. */
	assert_true(feed(s, "Selected Essays", 3));
	assert_int_equal(section_state(s), SECTION_PUBS);
	assert_int_equal(section_type(s), TYPE_UNKNOWN);
	/* Headings in other languages. */
	assert_true(feed(s, "\xe6\x8b\x9b\xe5\xbe\x85\xe8\xac\x9b\xe6\xbc\x94",
	    2));
	assert_int_equal(section_type(s), TYPE_TALK);
	assert_true(feed(s, "Buchbeitr\xc3\xa4ge", 2));
	assert_int_equal(section_type(s), TYPE_CHAPTER);
	assert_true(feed(s, "\xed\x95\x99\xec\x88\xa0\xec\xa7\x80 "
	    "\xeb\x85\xbc\xeb\xac\xb8", 2));	/* Korean: journal papers */
	assert_int_equal(section_state(s), SECTION_PUBS);
	assert_true(feed(s, "Teaching", 2));
	assert_int_equal(section_state(s), SECTION_OTHER);
	section_free(s);
}

static void
test_section_venue_kinds_mixed(void **state)
{
	struct sectioner *s = section_new(rules, "cv.txt");

	(void)state;
	/* Two venues named: each entry decides. */
	assert_true(feed(s, "JOURNAL AND CONFERENCE PAPERS", 2));
	assert_int_equal(section_type(s), TYPE_UNKNOWN);
	assert_true(feed(s, "Refereed Journal Articles and Conference "
	    "Proceedings", 2));
	assert_int_equal(section_type(s), TYPE_UNKNOWN);
	/* One venue named: its kind. */
	assert_true(feed(s, "Journal Papers", 2));
	assert_int_equal(section_type(s), TYPE_ARTICLE);
	assert_true(feed(s, "Conference Proceedings", 2));
	assert_int_equal(section_type(s), TYPE_CONFERENCE);
	/* German: journals named alone, or with books. */
	assert_true(feed(s, "Aufs\xc3\xa4tze in Zeitschriften", 2));
	assert_int_equal(section_type(s), TYPE_ARTICLE);
	assert_true(feed(s, "Beitr\xc3\xa4ge in Zeitschriften und "
	    "Sammelb\xc3\xa4nden", 2));
	assert_int_not_equal(section_type(s), TYPE_ARTICLE);
	section_free(s);
}

static void
test_section_mark_legend_is_no_entry(void **state)
{
	/* A legend of the marks on names is no reference (markup.rules). */
	(void)state;
	assert_non_null(rules_classify(rules, "not-entry",
	    "ACS style; corresponding author marked."));
	assert_non_null(rules_classify(rules, "not-entry",
	    "* denotes equal contribution"));
	assert_non_null(rules_classify(rules, "not-entry",
	    "Students I supervised are underlined."));
	assert_null(rules_classify(rules, "not-entry", "Doe, J. Learning "
	    "to rank. J. Mach. Learn. Res. 2019, 20, 1-9."));
}

static void
test_section_note_on_the_list_is_no_entry(void **state)
{
	/* A note on the list itself is no reference (markup.rules). */
	(void)state;
	assert_non_null(rules_classify(rules, "not-entry",
	    "Selected papers from the lab. Full list on PubMed."));
	assert_non_null(rules_classify(rules, "not-entry",
	    "For a complete list, see my home page."));
	assert_null(rules_classify(rules, "not-entry", "Doe, J. Learning "
	    "to rank. J. Mach. Learn. Res. 2019, 20, 1-9."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_section_normalise),
		cmocka_unit_test(test_section_types_and_sub_headings),
		cmocka_unit_test(test_section_venue_kinds_mixed),
		cmocka_unit_test(test_section_mark_legend_is_no_entry),
		cmocka_unit_test(test_section_note_on_the_list_is_no_entry),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
