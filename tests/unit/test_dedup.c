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

/* Check e (given line) against d, then free e; returns dedup_check's. */
static unsigned long
check(struct dedup *d, struct entry *e, unsigned long line)
{
	unsigned long r;

	e->line = line;
	r = dedup_check(d, e);
	entry_free(e);
	return r;
}

static void
test_dedup_same_title_other_case_and_punctuation(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_CONFERENCE, "Farshin",
	    "2021", "PacketMill: Toward per-core 100-Gbps Networking"), 72), 0);
	assert_int_equal(check(d, make_entry(TYPE_WORKSHOP, "FARSHIN", "2021",
	    "Packetmill -- toward per-core 100 Gbps networking."), 114), 72);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "farshin", "2021",
	    "“PacketMill”: Toward Per‐Core 100‐Gbps Networking!"), 200), 72);
	dedup_free(d);
}

static void
test_dedup_diacritics_fold(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Kostić", "2020",
	    "Über Straßen"), 10), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Kostic", "2020",
	    "Uber Strassen"), 20), 10);
	/* Decomposed accents (e + U+0301) fold like precomposed ones. */
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Lemaître", "2020",
	    "Café society"), 30), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Lemai\xcc\x82tre",
	    "2020", "Cafe\xcc\x81 Society"), 40), 30);
	dedup_free(d);
}

static void
test_dedup_different_works(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Farshin", "2021",
	    "Cache Allocation"), 1), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Farshin", "2021",
	    "Cache Allocations"), 2), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Other", "2021",
	    "Cache Allocation"), 3), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, NULL, "2021",
	    "Cache Allocation"), 4), 0);
	dedup_free(d);
}

static void
test_dedup_years_may_differ_by_one(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_WORKSHOP, "Li", "2019",
	    "Fast Packets"), 5), 0);
	assert_int_equal(check(d, make_entry(TYPE_CONFERENCE, "Li", "2020",
	    "Fast Packets"), 9), 5);
	/* Two years from the first, one from the second: the second. */
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2021",
	    "Fast Packets"), 13), 9);
	/* No year matches any year: the first. */
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", NULL,
	    "Fast Packets"), 17), 5);
	dedup_free(d);

	d = dedup_new();
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2015",
	    "Editorial Notes"), 1), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2017",
	    "Editorial Notes"), 2), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2020",
	    "Editorial Notes"), 3), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2016",
	    "Editorial Notes"), 4), 1);
	dedup_free(d);
}

static void
test_dedup_talks_are_not_the_papers_they_present(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_CONFERENCE, "Li", "2020",
	    "Fast Packets"), 5), 0);
	assert_int_equal(check(d, make_entry(TYPE_TALK, "Li", "2020",
	    "Fast Packets"), 50), 0);
	assert_int_equal(check(d, make_entry(TYPE_TALK, "Li", "2020",
	    "Fast packets."), 51), 50);
	/* A poster is a version of the paper. */
	assert_int_equal(check(d, make_entry(TYPE_POSTER, "Li", "2020",
	    "Fast packets"), 52), 5);
	dedup_free(d);
}

static void
test_dedup_patents_and_reports_differ_by_number(void **state)
{
	struct dedup *d = dedup_new();
	struct entry *e;

	(void)state;
	e = make_entry(TYPE_PATENT, "Roozbeh", NULL,
	    "Network Entity and Method");
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	assert_int_equal(check(d, e, 1), 0);
	e = make_entry(TYPE_PATENT, "Roozbeh", NULL,
	    "Network Entity and Method");
	entry_set(e, FIELD_NUMBER, "63/511,198");
	assert_int_equal(check(d, e, 2), 0);
	e = make_entry(TYPE_PATENT, "Roozbeh", NULL,
	    "Network entity and method");
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	assert_int_equal(check(d, e, 3), 1);
	e = make_entry(TYPE_REPORT, "Roozbeh", "2020", "Quarterly Report");
	entry_set(e, FIELD_NUMBER, "TR-1");
	assert_int_equal(check(d, e, 4), 0);
	e = make_entry(TYPE_REPORT, "Roozbeh", "2020", "Quarterly Report");
	entry_set(e, FIELD_NUMBER, "TR-2");
	assert_int_equal(check(d, e, 5), 0);
	dedup_free(d);
}

static void
test_dedup_other_scripts_are_kept(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "王", "2020",
	    "深度学习研究"), 1), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "王", "2020",
	    "机器翻译研究"), 2), 0);
	/* CJK punctuation and full-width spaces do not count. */
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "王", "2020",
	    "「深度学习」　研究。"), 3), 1);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Иванов", "2020",
	    "ОБ ЭТОМ"), 4), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "ИВАНОВ", "2020",
	    "Об этом"), 5), 4);
	dedup_free(d);
}

static void
test_dedup_short_or_missing_title_never_matches(void **state)
{
	struct dedup *d = dedup_new();

	(void)state;
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2020",
	    "AI"), 1), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2020",
	    "A.I."), 2), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2020",
	    NULL), 3), 0);
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Li", "2020",
	    NULL), 4), 0);
	dedup_free(d);
}

/*
 * Many works, and one title in many years three apart, across several
 * doublings of the table: each later version finds its own year's line.
 */
static void
test_dedup_grows_and_keeps_order(void **state)
{
	struct dedup *d = dedup_new();
	char title[32], year[8];
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		snprintf(title, sizeof(title), "Title number %d", i);
		assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Smith",
		    "2020", title), (unsigned long)i + 1), 0);
		snprintf(year, sizeof(year), "%d", 1000 + 3 * i);
		assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Smith",
		    year, "Recurring Title"), (unsigned long)i + 10001), 0);
	}
	assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Smith", "2020",
	    "Title number 1234"), 99999), 1235);
	for (i = 0; i < 3000; i += 7) {
		snprintf(year, sizeof(year), "%d", 1000 + 3 * i + 1);
		assert_int_equal(check(d, make_entry(TYPE_ARTICLE, "Smith",
		    year, "Recurring title"), 99999), (unsigned long)i + 10001);
	}
	dedup_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dedup_same_title_other_case_and_punctuation),
		cmocka_unit_test(test_dedup_diacritics_fold),
		cmocka_unit_test(test_dedup_different_works),
		cmocka_unit_test(test_dedup_years_may_differ_by_one),
		cmocka_unit_test(test_dedup_talks_are_not_the_papers_they_present),
		cmocka_unit_test(test_dedup_patents_and_reports_differ_by_number),
		cmocka_unit_test(test_dedup_other_scripts_are_kept),
		cmocka_unit_test(test_dedup_short_or_missing_title_never_matches),
		cmocka_unit_test(test_dedup_grows_and_keeps_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
