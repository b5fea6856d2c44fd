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

#include "buf.h"
#include "keys.h"
#include "entry_fixture.h"

/* Check the base key of e, then free e. */
static void
check_base(struct entry *e, const char *want)
{
	char *got = keys_base(e);

	assert_string_equal(got, want);
	free(got);
	entry_free(e);
}

/* An entry by one named first author (family, given, particle). */
static struct entry *
by(const char *family, const char *given, const char *particle,
    const char *year, const char *title)
{
	struct entry *e = make_entry(TYPE_ARTICLE, NULL, year, title);

	add_name(&e->authors, family, given, particle, NULL);
	return e;
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
	check_base(make_entry(TYPE_ARTICLE, "O'Brien", "2020",
	    "On the Use of Things"), "obrien2020use");
}

static void
test_keys_skip_stopwords(void **state)
{
	static const char *const stop[] = {
		"a", "an", "the", "of", "on", "in", "for", "to", "and", "with",
		"from", "toward", "towards", "via", "using", "The", "ON", "A",
	};
	char title[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++) {
		snprintf(title, sizeof(title), "%s Caching", stop[i]);
		check_base(make_entry(TYPE_ARTICLE, "Li", "2020", title),
		    "li2020caching");
	}
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "Towards a Theory of the Web"), "li2020theory");
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "“The” — of: (and)"), "li2020");	/* nothing significant */
	/* A number would run into the year; "5G" is a word. */
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "2020: A Year in Review"), "li2020year");
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "5G Networks"), "li20205g");
	/* Any blank separates words. */
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "the\tgreat\ngatsby"), "li2020great");
	/* A long word is cut at 20 characters. */
	check_base(make_entry(TYPE_ARTICLE, "Li", "2020",
	    "Pneumonoultramicroscopicsilicovolcanoconiosis"),
	    "li2020pneumonoultramicrosc");
}

static void
test_keys_strip_diacritics(void **state)
{
	(void)state;
	check_base(by("Kostić", "Dejan", NULL, "2020", "Über Ärger"),
	    "kostic2020uber");
	check_base(by("Schrödinger", "Erwin", NULL, "1935", "Straße"),
	    "schrodinger1935strasse");
	check_base(by("Øster-Łukasz", NULL, NULL, "2018", "Ålesund"),
	    "osterlukasz2018alesund");
	check_base(by("Mærsk", NULL, NULL, "2018", "Đorđević's Œuvre"),
	    "maersk2018dordevics");
	check_base(by("Müller", NULL, NULL, "2018", "Ça ira"),
	    "muller2018ca");
	/* Letters outside Latin-1 and Latin Extended-A are dropped. */
	check_base(by("Papadopoulos", NULL, NULL, "2018", "Λόγος Theory"),
	    "papadopoulos2018theory");
}

static void
test_keys_particle_is_not_part_of_the_family(void **state)
{
	(void)state;
	check_base(by("Berg", "Jan", "van der", "2018", "Dikes"),
	    "berg2018dikes");
	check_base(by("Gaulle", "Charles", "de", "1954", "Mémoires"),
	    "gaulle1954memoires");
}

static void
test_keys_no_year_no_author_cjk(void **state)
{
	struct entry *e;

	(void)state;
	check_base(make_entry(TYPE_PATENT, "Roozbeh", NULL,
	    "Methods and Nodes"), "roozbehmethods");
	check_base(make_entry(TYPE_MISC, NULL, "2020", "The Title"),
	    "anon2020title");
	check_base(make_entry(TYPE_MISC, NULL, NULL, NULL), "anon");
	/* CJK family: the given name if it has Latin letters, else anon. */
	check_base(by("王", "小明", NULL, "2020", "深度学习"), "anon2020");
	check_base(by("王", "Xiaoming", NULL, "2020", "Deep Learning"),
	    "xiaoming2020deep");
	/* No authors: the first editor. */
	e = make_entry(TYPE_EDITED_BOOK, NULL, "2001", "Handbook");
	add_name(&e->editors, "Doe", "Jane", NULL, NULL);
	add_name(&e->editors, "Roe", "Rick", NULL, NULL);
	check_base(e, "doe2001handbook");
	/* The first author counts, even after editors. */
	e = make_entry(TYPE_CHAPTER, NULL, "2001", "Chapter One");
	add_name(&e->editors, "Doe", "Jane", NULL, NULL);
	add_name(&e->authors, "Poe", "Edgar", NULL, NULL);
	check_base(e, "poe2001chapter");
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
	assert_string_equal(e[3]->key, "smith2020samec");
	assert_string_equal(e[26]->key, "smith2020samez");
	assert_string_equal(e[27]->key, "smith2020sameaa");
	assert_string_equal(e[28]->key, "smith2020sameab");
	assert_string_equal(e[29]->key, "smith2020sameac");
	for (i = 0; i < 30; i++)
		entry_free(e[i]);
	keys_free(k);
}

static void
test_keys_suffix_skips_a_key_already_given(void **state)
{
	struct keys *k = keys_new();
	struct entry *a = make_entry(TYPE_ARTICLE, "Smith", "2020", "Samea");
	struct entry *b = make_entry(TYPE_ARTICLE, "Smith", "2020", "Same");
	struct entry *c = make_entry(TYPE_ARTICLE, "Smith", "2020", "Same");
	struct entry *d = make_entry(TYPE_ARTICLE, "Smith", "2020", "Same");

	(void)state;
	keys_assign(k, a);
	keys_assign(k, b);
	keys_assign(k, c);
	keys_assign(k, d);
	assert_string_equal(a->key, "smith2020samea");
	assert_string_equal(b->key, "smith2020same");
	assert_string_equal(c->key, "smith2020sameb");	/* "a" is taken */
	assert_string_equal(d->key, "smith2020samec");
	/* keys_assign replaces an old key. */
	keys_assign(k, d);
	assert_string_equal(d->key, "smith2020samed");
	entry_free(a);
	entry_free(b);
	entry_free(c);
	entry_free(d);
	keys_free(k);
}

/* The keys of a fixed mixed list, joined by spaces; caller frees. */
static char *
run_list(void)
{
	static const char *const titles[] = {
		"Alpha", "Beta", "Alpha", "Gamma", "Alpha", "Beta",
	};
	struct keys *k = keys_new();
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 6; i++) {
		struct entry *e = make_entry(TYPE_ARTICLE, "Wu", "2019",
		    titles[i]);

		keys_assign(k, e);
		buf_puts(&b, e->key);
		buf_putc(&b, ' ');
		entry_free(e);
	}
	keys_free(k);
	return buf_take(&b);
}

static void
test_keys_deterministic(void **state)
{
	char *one = run_list(), *two = run_list();

	(void)state;
	assert_string_equal(one, "wu2019alpha wu2019beta wu2019alphaa "
	    "wu2019gamma wu2019alphab wu2019betaa ");
	assert_string_equal(one, two);
	free(one);
	free(two);
}

static void
test_keys_many_distinct_keys(void **state)
{
	struct keys *k = keys_new();
	char title[32];
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
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

/*
 * 100,000 entries with one base: each suffix search starts where the last
 * one ended (quadratic probing would take minutes here).
 */
static void
test_keys_hundred_thousand_collisions(void **state)
{
	struct keys *k = keys_new();
	struct entry *e = make_entry(TYPE_MISC, NULL, NULL, NULL);
	int i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		keys_assign(k, e);
		if (i == 702)
			assert_string_equal(e->key, "anonzz");
		if (i == 703)
			assert_string_equal(e->key, "anonaaa");
	}
	/* 99999th suffix: 26 + 676 + 17576 one- to three-letter ones. */
	assert_string_equal(e->key, "anoneqxc");
	entry_free(e);
	keys_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_family_year_first_significant_word),
		cmocka_unit_test(test_keys_skip_stopwords),
		cmocka_unit_test(test_keys_strip_diacritics),
		cmocka_unit_test(test_keys_particle_is_not_part_of_the_family),
		cmocka_unit_test(test_keys_no_year_no_author_cjk),
		cmocka_unit_test(test_keys_collisions_get_letters_in_order),
		cmocka_unit_test(test_keys_suffix_skips_a_key_already_given),
		cmocka_unit_test(test_keys_deterministic),
		cmocka_unit_test(test_keys_many_distinct_keys),
		cmocka_unit_test(test_keys_hundred_thousand_collisions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
