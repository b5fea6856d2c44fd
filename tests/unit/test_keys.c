/*
 * test_keys.c -- citation keys.
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

#include "keys.h"
#include "entry_fixture.h"

static void
check_base(struct entry *e, const char *want)
{
	char *got = keys_base(e);

	assert_string_equal(got, want);
	free(got);
	entry_free(e);
}

static void
test_keys_family_year_first_significant_word(void **state)
{
	(void)state;
	check_base(make_entry(TYPE_CONFERENCE, "Farshin", "2021",
	    "PacketMill: Toward per-core 100-Gbps Networking"),
	    "farshin2021packetmill");
	check_base(make_entry(TYPE_ARTICLE, "Farshin", "2019",
	    "A modified knowledge-based ant colony algorithm"),
	    "farshin2019modified");
	check_base(make_entry(TYPE_ARTICLE, "Farshin", "2017",
	    "MAP-SDN: a metaheuristic"), "farshin2017mapsdn");
	check_base(make_entry(TYPE_ARTICLE, "Smith", "2020",
	    "On the Use of Things"), "smith2020use");
}

static void
test_keys_strip_diacritics_and_particles(void **state)
{
	struct entry *e = make_entry(TYPE_ARTICLE, NULL, "2020", "Über Ärger");

	(void)state;
	add_name(&e->authors, "Kostić", "Dejan", NULL, NULL);
	check_base(e, "kostic2020uber");
	e = make_entry(TYPE_ARTICLE, NULL, "2018", "Straße");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	check_base(e, "berg2018strasse");
	e = make_entry(TYPE_ARTICLE, NULL, "2018", "Ålesund");
	add_name(&e->authors, "Øster-Łukasz", NULL, NULL, NULL);
	check_base(e, "osterlukasz2018alesund");
}

static void
test_keys_no_year_no_author_cjk(void **state)
{
	struct entry *e;

	(void)state;
	check_base(make_entry(TYPE_PATENT, "Roozbeh", NULL, "Methods and Nodes"),
	    "roozbehmethods");
	check_base(make_entry(TYPE_MISC, NULL, "2020", "The Title"),
	    "anon2020title");
	e = make_entry(TYPE_ARTICLE, NULL, "2020", "深度学习");
	add_name(&e->authors, "王", "小明", NULL, NULL);
	check_base(e, "anon2020");
	e = make_entry(TYPE_EDITED_BOOK, NULL, "2001", "Handbook");
	add_name(&e->editors, "Doe", "Jane", NULL, NULL);
	check_base(e, "doe2001handbook");
}

static void
test_keys_collisions_get_letters_in_order(void **state)
{
	struct keys *k = keys_new();
	struct entry *e[30];
	int i;

	(void)state;
	for (i = 0; i < 30; i++) {
		e[i] = make_entry(TYPE_ARTICLE, "Smith", "2020", "Same");
		keys_assign(k, e[i]);
	}
	assert_string_equal(e[0]->key, "smith2020same");
	assert_string_equal(e[1]->key, "smith2020samea");
	assert_string_equal(e[2]->key, "smith2020sameb");
	assert_string_equal(e[26]->key, "smith2020samez");
	assert_string_equal(e[27]->key, "smith2020sameaa");
	assert_string_equal(e[29]->key, "smith2020sameac");
	for (i = 0; i < 30; i++)
		entry_free(e[i]);
	keys_free(k);
}

static void
test_keys_many_distinct_keys(void **state)
{
	struct keys *k = keys_new();
	char title[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		struct entry *e;

		snprintf(title, sizeof(title), "Title%d", i);
		e = make_entry(TYPE_ARTICLE, "Smith", "2020", title);
		keys_assign(k, e);
		snprintf(title, sizeof(title), "smith2020title%d", i);
		assert_string_equal(e->key, title);
		entry_free(e);
	}
	keys_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_family_year_first_significant_word),
		cmocka_unit_test(test_keys_strip_diacritics_and_particles),
		cmocka_unit_test(test_keys_no_year_no_author_cjk),
		cmocka_unit_test(test_keys_collisions_get_letters_in_order),
		cmocka_unit_test(test_keys_many_distinct_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
