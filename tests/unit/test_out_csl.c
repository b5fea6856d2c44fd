/*
 * test_out_csl.c -- CSL-JSON items and the streamed array.
 *
 * With CV2BIB_CSL_DUMP=FILE in the environment, the stream test also
 * writes an array with one item of every type there, for a schema check
 * (tests/csl-check.py).
 */
#include "config.h"

#include <glob.h>
#include <jansson.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "out_csl.h"
#include "entry_fixture.h"

/* The item for e, parsed back. */
static json_t *
item(const struct entry *e)
{
	char *s = out_csl_item(e);
	json_error_t err;
	json_t *j;

	assert_non_null(s);
	j = json_loads(s, 0, &err);
	assert_non_null(j);
	assert_true(json_is_object(j));
	free(s);
	return j;
}

static const char *
str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v != NULL)
		assert_true(json_is_string(v));
	return v != NULL ? json_string_value(v) : NULL;
}

static void
test_out_csl_conference_paper_exact_json(void **state)
{
	struct entry *e = make_entry(TYPE_CONFERENCE, NULL, "2021",
	    "PacketMill: Toward per-core 100-Gbps Networking");
	char *s;

	(void)state;
	e->key = xstrdup("farshin2021packetmill");
	add_name(&e->authors, "Farshin", "Alireza", NULL, NULL);
	add_name(&e->authors, "Maguire", "Gerald Q.", NULL, "Jr.");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	entry_set(e, FIELD_CONTAINER, "International Conference on ASPLOS");
	entry_set(e, FIELD_CONTAINER_SHORT, "ASPLOS");
	entry_set(e, FIELD_MONTH, "4");
	entry_set(e, FIELD_DAY, "19");
	entry_set(e, FIELD_PAGES, "1-17");
	entry_set(e, FIELD_PUBLISHER, "ACM");
	entry_set(e, FIELD_PLACE, "Virtual, USA");
	entry_set(e, FIELD_DOI, "10.1145/3445814.3446724");
	entry_set(e, FIELD_URL, "https://doi.org/10.1145/3445814.3446724");
	entry_set(e, FIELD_NOTE, "Acceptance rate: 75/398 ≈ 18.8%");
	s = out_csl_item(e);
	/* UTF-8 stays UTF-8 ("≈"), keys come in one fixed order. */
	assert_string_equal(s, "{\n"
	    "  \"id\": \"farshin2021packetmill\",\n"
	    "  \"type\": \"paper-conference\",\n"
	    "  \"author\": [\n"
	    "    {\n      \"family\": \"Farshin\",\n      \"given\": \"Alireza\"\n    },\n"
	    "    {\n      \"family\": \"Maguire\",\n      \"given\": \"Gerald Q.\",\n"
	    "      \"suffix\": \"Jr.\"\n    },\n"
	    "    {\n      \"family\": \"Berg\",\n      \"given\": \"Jan\",\n"
	    "      \"non-dropping-particle\": \"van der\"\n    }\n  ],\n"
	    "  \"issued\": {\n    \"date-parts\": [\n      [\n        2021,\n"
	    "        4,\n        19\n      ]\n    ]\n  },\n"
	    "  \"title\": \"PacketMill: Toward per-core 100-Gbps Networking\",\n"
	    "  \"container-title\": \"International Conference on ASPLOS\",\n"
	    "  \"container-title-short\": \"ASPLOS\",\n"
	    "  \"page\": \"1-17\",\n"
	    "  \"publisher\": \"ACM\",\n"
	    "  \"publisher-place\": \"Virtual, USA\",\n"
	    "  \"DOI\": \"10.1145/3445814.3446724\",\n"
	    "  \"URL\": \"https://doi.org/10.1145/3445814.3446724\",\n"
	    "  \"note\": \"Acceptance rate: 75/398 ≈ 18.8%\"\n}");
	free(s);
	entry_free(e);
}

static void
test_out_csl_type_mapping(void **state)
{
	static const struct {
		enum entry_type	 t;
		const char	*csl;
		const char	*genre;
	} cases[] = {
		{ TYPE_UNKNOWN, "document", NULL },
		{ TYPE_ARTICLE, "article-journal", NULL },
		{ TYPE_MAGAZINE, "article-magazine", NULL },
		{ TYPE_REVIEW, "review-book", NULL },
		{ TYPE_CONFERENCE, "paper-conference", NULL },
		{ TYPE_WORKSHOP, "paper-conference", NULL },
		{ TYPE_ABSTRACT, "paper-conference", "Extended abstract" },
		{ TYPE_POSTER, "speech", "Poster" },
		{ TYPE_DEMO, "paper-conference", "Demo" },
		{ TYPE_PREPRINT, "article", "Preprint" },
		{ TYPE_REPORT, "report", NULL },
		{ TYPE_THESIS, "thesis", NULL },
		{ TYPE_BOOK, "book", NULL },
		{ TYPE_EDITED_BOOK, "book", NULL },
		{ TYPE_CHAPTER, "chapter", NULL },
		{ TYPE_PATENT, "patent", NULL },
		{ TYPE_TALK, "speech", NULL },
		{ TYPE_SOFTWARE, "software", NULL },
		{ TYPE_MISC, "document", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct entry *e = make_entry(cases[i].t, "X", "2020", "T");
		json_t *j = item(e);

		assert_string_equal(str(j, "type"), cases[i].csl);
		if (cases[i].genre != NULL)
			assert_string_equal(str(j, "genre"), cases[i].genre);
		else
			assert_null(str(j, "genre"));
		json_decref(j);
		entry_free(e);
	}
}

static void
test_out_csl_genre_of_the_entry_wins(void **state)
{
	struct entry *e = make_entry(TYPE_POSTER, "X", "2020", "T");
	json_t *j;

	(void)state;
	entry_set(e, FIELD_GENRE, "Poster abstract");
	j = item(e);
	assert_string_equal(str(j, "genre"), "Poster abstract");
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_software_has_a_version(void **state)
{
	struct entry *e = make_entry(TYPE_SOFTWARE, "X", "2020", "T");
	json_t *j;

	(void)state;
	entry_set(e, FIELD_EDITION, "1.2");
	j = item(e);
	assert_string_equal(str(j, "version"), "1.2");
	assert_null(str(j, "edition"));
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_every_field_has_its_variable(void **state)
{
	static const struct {
		enum field	 f;
		const char	*var;
	} cases[] = {
		{ FIELD_TITLE, "title" },
		{ FIELD_CONTAINER, "container-title" },
		{ FIELD_CONTAINER_SHORT, "container-title-short" },
		{ FIELD_COLLECTION, "collection-title" },
		{ FIELD_VOLUME, "volume" },
		{ FIELD_ISSUE, "issue" },
		{ FIELD_PAGES, "page" },
		{ FIELD_EDITION, "edition" },
		{ FIELD_PUBLISHER, "publisher" },
		{ FIELD_PLACE, "publisher-place" },
		{ FIELD_NUMBER, "number" },
		{ FIELD_GENRE, "genre" },
		{ FIELD_AUTHORITY, "authority" },
		{ FIELD_DOI, "DOI" },
		{ FIELD_URL, "URL" },
		{ FIELD_ISBN, "ISBN" },
		{ FIELD_STATUS, "status" },
		{ FIELD_NOTE, "note" },
	};
	struct entry *e = entry_new();
	char value[32];
	json_t *j;
	size_t i;

	(void)state;
	e->type = TYPE_BOOK;
	e->key = xstrdup("k");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(value, sizeof(value), "value %zu", i);
		entry_set(e, cases[i].f, value);
	}
	j = item(e);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(value, sizeof(value), "value %zu", i);
		assert_string_equal(str(j, cases[i].var), value);
	}
	/* id, type and the 18 variables: nothing else, nothing invented. */
	assert_int_equal(json_object_size(j), 2 + 18);
	assert_string_equal(str(j, "id"), "k");
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_only_fields_that_are_set(void **state)
{
	struct entry *e = entry_new();
	json_t *j;

	(void)state;
	e->type = TYPE_ARTICLE;
	e->key = xstrdup("anon");
	entry_set(e, FIELD_TITLE, "Only a title");
	entry_set(e, FIELD_VOLUME, "");	/* empty counts as unset */
	j = item(e);
	assert_int_equal(json_object_size(j), 3);
	assert_string_equal(str(j, "title"), "Only a title");
	assert_null(json_object_get(j, "author"));
	assert_null(json_object_get(j, "editor"));
	assert_null(json_object_get(j, "issued"));
	assert_null(json_object_get(j, "volume"));
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_names_particle_suffix_literal_etal(void **state)
{
	struct entry *e = make_entry(TYPE_REPORT, NULL, "2020", "T");
	json_t *j, *a, *n;

	(void)state;
	add_name(&e->authors, "Beethoven", "Ludwig", "van", NULL);
	add_name(&e->authors, "King", "Martin Luther", NULL, "Jr.");
	add_name(&e->authors, "World Health Organization", NULL, NULL, NULL);
	e->authors.v[2].flags |= NAME_LITERAL;
	add_name(&e->authors, NULL, NULL, NULL, NULL);	/* nothing: left out */
	add_name(&e->authors, "王", "小明", NULL, NULL);
	e->authors.v[0].flags |= NAME_SELF | NAME_EQUAL;
	e->authors.etal = 1;
	j = item(e);
	a = json_object_get(j, "author");
	assert_true(json_is_array(a));
	/* et al. adds no name: four of the five, the empty one dropped. */
	assert_int_equal(json_array_size(a), 4);
	n = json_array_get(a, 0);
	assert_string_equal(str(n, "family"), "Beethoven");
	assert_string_equal(str(n, "given"), "Ludwig");
	assert_string_equal(str(n, "non-dropping-particle"), "van");
	assert_int_equal(json_object_size(n), 3);
	n = json_array_get(a, 1);
	assert_string_equal(str(n, "suffix"), "Jr.");
	assert_int_equal(json_object_size(n), 3);
	n = json_array_get(a, 2);
	assert_string_equal(str(n, "literal"), "World Health Organization");
	assert_int_equal(json_object_size(n), 1);
	n = json_array_get(a, 3);
	assert_string_equal(str(n, "family"), "王");
	assert_string_equal(str(n, "given"), "小明");
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_edited_book_has_editors_only(void **state)
{
	struct entry *e = make_entry(TYPE_EDITED_BOOK, NULL, "2001",
	    "Handbook of Things");
	json_t *j, *ed;

	(void)state;
	add_name(&e->editors, "Doe", "Jane", NULL, NULL);
	add_name(&e->editors, "Roe", "Richard", NULL, NULL);
	entry_set(e, FIELD_PUBLISHER, "Springer");
	entry_set(e, FIELD_EDITION, "2");
	entry_set(e, FIELD_ISBN, "978-3-16-148410-0");
	j = item(e);
	assert_string_equal(str(j, "type"), "book");
	assert_null(json_object_get(j, "author"));
	ed = json_object_get(j, "editor");
	assert_int_equal(json_array_size(ed), 2);
	assert_string_equal(str(json_array_get(ed, 1), "family"), "Roe");
	assert_string_equal(str(j, "edition"), "2");
	assert_string_equal(str(j, "ISBN"), "978-3-16-148410-0");
	json_decref(j);
	entry_free(e);
}

/* The date-parts of e as "y" "y-m" "y-m-d", or "" without issued. */
static void
check_date(const char *y, const char *m, const char *d, const char *want)
{
	struct entry *e = make_entry(TYPE_ARTICLE, "X", y, "T");
	json_t *j, *parts;
	char got[32] = "";
	size_t i, len = 0;

	entry_set(e, FIELD_MONTH, m);
	entry_set(e, FIELD_DAY, d);
	j = item(e);
	parts = json_object_get(j, "issued");
	if (parts != NULL) {
		assert_int_equal(json_object_size(parts), 1);
		parts = json_object_get(parts, "date-parts");
		assert_int_equal(json_array_size(parts), 1);
		parts = json_array_get(parts, 0);
		for (i = 0; i < json_array_size(parts); i++) {
			json_t *p = json_array_get(parts, i);

			assert_true(json_is_integer(p));
			len += (size_t)snprintf(got + len, sizeof(got) - len,
			    "%s%lld", i > 0 ? "-" : "", json_integer_value(p));
		}
	}
	assert_string_equal(got, want);
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_dates_are_integer_parts(void **state)
{
	(void)state;
	check_date("2021", NULL, NULL, "2021");
	check_date("2021", "10", NULL, "2021-10");
	check_date("2021", "10", "3", "2021-10-3");
	check_date("2021", NULL, "3", "2021");		/* no month, no day */
	check_date("2021", "13", "3", "2021");		/* no such month */
	check_date("2021", "2", "32", "2021-2");	/* no such day */
	check_date("n.d.", "2", NULL, "");
	check_date(NULL, "2", "3", "");
}

static void
test_out_csl_patent_report_thesis_fields(void **state)
{
	struct entry *e = make_entry(TYPE_PATENT, "Roozbeh", "2023", "Methods");
	json_t *j;

	(void)state;
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	entry_set(e, FIELD_GENRE, "PCT Application");
	entry_set(e, FIELD_AUTHORITY, "WO");
	j = item(e);
	assert_string_equal(str(j, "type"), "patent");
	assert_string_equal(str(j, "number"), "PCT/SE2023/050880");
	assert_string_equal(str(j, "genre"), "PCT Application");
	assert_string_equal(str(j, "authority"), "WO");
	json_decref(j);
	entry_free(e);

	e = make_entry(TYPE_REPORT, "Farshin", "2021", "Scheduling");
	entry_set(e, FIELD_INSTITUTION, "KTH Royal Institute of Technology");
	entry_set(e, FIELD_NUMBER, "TRITA-EECS-2021:1");
	j = item(e);
	assert_string_equal(str(j, "publisher"),
	    "KTH Royal Institute of Technology");
	assert_string_equal(str(j, "number"), "TRITA-EECS-2021:1");
	json_decref(j);
	entry_free(e);

	e = make_entry(TYPE_THESIS, "Doe", "2019", "Essays");
	entry_set(e, FIELD_INSTITUTION, "MIT");
	entry_set(e, FIELD_GENRE, "PhD thesis");
	entry_set(e, FIELD_STATUS, "in preparation");
	j = item(e);
	assert_string_equal(str(j, "type"), "thesis");
	assert_string_equal(str(j, "publisher"), "MIT");
	assert_string_equal(str(j, "genre"), "PhD thesis");
	assert_string_equal(str(j, "status"), "in preparation");
	json_decref(j);
	entry_free(e);

	/* A publisher given outright beats the institution. */
	e = make_entry(TYPE_REPORT, "Doe", "2019", "R");
	entry_set(e, FIELD_INSTITUTION, "Dept. of CS");
	entry_set(e, FIELD_PUBLISHER, "MIT Press");
	j = item(e);
	assert_string_equal(str(j, "publisher"), "MIT Press");
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_preprint_arxiv(void **state)
{
	struct entry *e = make_entry(TYPE_PREPRINT, "Devlin", "2018", "BERT");
	json_t *j;

	(void)state;
	entry_set(e, FIELD_ARXIV, "1810.04805");
	entry_set(e, FIELD_CONTAINER, "arXiv");
	j = item(e);
	assert_string_equal(str(j, "type"), "article");
	assert_string_equal(str(j, "genre"), "Preprint");
	assert_string_equal(str(j, "number"), "arXiv:1810.04805");
	assert_string_equal(str(j, "publisher"), "arXiv");
	/* The repository is the publisher, not also a container. */
	assert_null(json_object_get(j, "container-title"));
	json_decref(j);
	entry_free(e);

	/* A preprint without an identifier keeps what it has. */
	e = make_entry(TYPE_PREPRINT, "Wang", "2023", "Making");
	entry_set(e, FIELD_CONTAINER, "arXiv");
	j = item(e);
	assert_string_equal(str(j, "container-title"), "arXiv");
	assert_null(json_object_get(j, "publisher"));
	assert_null(json_object_get(j, "number"));
	json_decref(j);
	entry_free(e);

	/* A journal article with an arXiv version: the id goes in the note. */
	e = make_entry(TYPE_ARTICLE, "Devlin", "2019", "BERT");
	entry_set(e, FIELD_CONTAINER, "NAACL");
	entry_set(e, FIELD_ARXIV, "1810.04805");
	entry_set(e, FIELD_NOTE, "Best paper");
	j = item(e);
	assert_string_equal(str(j, "container-title"), "NAACL");
	assert_string_equal(str(j, "note"), "Best paper; arXiv:1810.04805");
	assert_null(json_object_get(j, "number"));
	assert_null(json_object_get(j, "publisher"));
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_invalid_utf8_is_left_out_with_a_warning(void **state)
{
	struct entry *e = make_entry(TYPE_ARTICLE, "X", "2020",
	    "bad \xff byte");
	char *msg = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&msg, &len);
	json_t *j;

	(void)state;
	e->file = "cv.txt";
	e->line = 7;
	diag_reset();
	diag_set_output(fp);
	j = item(e);
	diag_set_output(stderr);
	fclose(fp);
	assert_null(json_object_get(j, "title"));
	assert_non_null(strstr(msg, "cv.txt:7:"));
	assert_non_null(strstr(msg, "title is not valid UTF-8"));
	assert_int_equal(diag_worst(), DIAG_WARNING);
	json_decref(j);
	free(msg);
	entry_free(e);
	diag_reset();
}

/* Stream n entries through a writer, in two batches; parse it back. */
static char *
stream(size_t n)
{
	char *buf = NULL, key[8];
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	struct out_csl *o = out_csl_open(fp);
	struct entry *e[3];
	json_error_t err;
	json_t *j;

	for (i = 0; i < n; i++) {
		e[i] = make_entry(TYPE_ARTICLE, "X", "2020", "T");
		snprintf(key, sizeof(key), "k%zu", i);
		e[i]->key = xstrdup(key);
	}
	assert_int_equal(out_csl_write(o, e, n > 0 ? 1 : 0), 0);
	if (n > 1)
		assert_int_equal(out_csl_write(o, e + 1, n - 1), 0);
	assert_int_equal(out_csl_close(o), 0);
	fclose(fp);
	j = json_loads(buf, 0, &err);
	assert_non_null(j);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_string_equal(str(json_array_get(j, i), "id"), key);
		entry_free(e[i]);
	}
	json_decref(j);
	return buf;
}

static void
test_out_csl_streams_0_1_3_entries(void **state)
{
	char *s;

	(void)state;
	s = stream(0);
	assert_string_equal(s, "[]\n");
	free(s);
	s = stream(1);
	assert_string_equal(s, "[\n  {\n    \"id\": \"k0\",\n"
	    "    \"type\": \"article-journal\",\n"
	    "    \"author\": [\n      {\n        \"family\": \"X\",\n"
	    "        \"given\": \"A.\"\n      }\n    ],\n"
	    "    \"issued\": {\n      \"date-parts\": [\n        [\n"
	    "          2020\n        ]\n      ]\n    },\n"
	    "    \"title\": \"T\"\n  }\n]\n");
	free(s);
	s = stream(3);
	/* Items are separated by ",\n" and the array closes on its line. */
	assert_non_null(strstr(s, "\n  },\n  {\n    \"id\": \"k1\""));
	assert_non_null(strstr(s, "\n  },\n  {\n    \"id\": \"k2\""));
	assert_true(strlen(s) > 7);
	assert_string_equal(s + strlen(s) - 7, "\n  }\n]\n");
	free(s);
}

/*
 * The writer builds every item in the same objects and strings (out_csl.c,
 * struct csl_shell): an item streamed after a larger one, or after one
 * with an empty name, must hold nothing of it, and equal the item written
 * alone.
 */
static void
test_out_csl_streamed_item_keeps_nothing_of_the_one_before(void **state)
{
	char *buf = NULL, *s;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	struct out_csl *o = out_csl_open(fp);
	struct entry *e[4];
	json_error_t err;
	json_t *j;
	char *alone;

	(void)state;
	e[0] = make_entry(TYPE_EDITED_BOOK, "Berg", "2021", "Big");
	add_name(&e[0]->authors, "King", "Martin Luther", NULL, "Jr.");
	add_name(&e[0]->authors, "WHO", NULL, NULL, NULL);
	e[0]->authors.v[2].flags |= NAME_LITERAL;
	add_name(&e[0]->editors, "Doe", "Jane", "de la", NULL);
	entry_set(e[0], FIELD_MONTH, "12");
	entry_set(e[0], FIELD_DAY, "31");
	entry_set(e[0], FIELD_PUBLISHER, "Springer");
	entry_set(e[0], FIELD_ARXIV, "2101.00001");
	e[1] = make_entry(TYPE_ARTICLE, NULL, "n.d.", "No names, no date");
	e[2] = make_entry(TYPE_REPORT, "Roe", "2020", "Small");
	add_name(&e[2]->authors, NULL, NULL, NULL, NULL);	/* left out */
	add_name(&e[2]->authors, "Poe", "Edgar", NULL, NULL);
	e[3] = make_entry(TYPE_SOFTWARE, "Smith", "2019", "Tool");
	entry_set(e[3], FIELD_EDITION, "1.2");
	for (i = 0; i < 4; i++)
		e[i]->key = xstrdup(i % 2 ? "odd" : "even");
	assert_int_equal(out_csl_write(o, e, 4), 0);
	assert_int_equal(out_csl_close(o), 0);
	fclose(fp);
	j = json_loads(buf, 0, &err);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), 4);
	/* The same text, keys in the same order. */
	for (i = 0; i < 4; i++) {
		alone = out_csl_item(e[i]);
		s = json_dumps(json_array_get(j, i), JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER);
		assert_string_equal(s, alone);
		free(s);
		free(alone);
		entry_free(e[i]);
	}
	assert_null(json_object_get(json_array_get(j, 1), "author"));
	assert_null(json_object_get(json_array_get(j, 1), "issued"));
	/* "Roe" (make_entry()) and "Poe"; the empty name between goes. */
	assert_int_equal(json_array_size(json_object_get(json_array_get(j, 2),
	    "author")), 2);
	json_decref(j);
	free(buf);
}

static void
test_out_csl_write_error_is_reported(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	struct out_csl *o;
	struct entry *e;

	(void)state;
	if (fp == NULL)
		skip();
	e = make_entry(TYPE_ARTICLE, "X", "2020", "T");
	e->key = xstrdup("k");
	o = out_csl_open(fp);
	out_csl_write(o, &e, 1);	/* buffered: may not fail yet */
	assert_int_equal(out_csl_close(o), -1);
	fclose(fp);

	/* Unbuffered, the write itself fails. */
	fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	o = out_csl_open(fp);
	assert_int_equal(out_csl_write(o, &e, 1), -1);
	assert_int_equal(out_csl_close(o), -1);
	fclose(fp);
	entry_free(e);
}

/* One entry of every type with most fields: for the schema check. */
static void
test_out_csl_stream_of_every_type(void **state)
{
	const char *dump = getenv("CV2BIB_CSL_DUMP");
	char *buf = NULL, key[16];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct out_csl *o = out_csl_open(fp);
	struct entry *e;
	json_error_t err;
	json_t *j;
	int t;

	(void)state;
	for (t = 0; t < TYPE__COUNT; t++) {
		e = make_entry((enum entry_type)t, "Kostić", "2021",
		    "Über “quotes” — and\ttabs \\ \"escapes\"");
		snprintf(key, sizeof(key), "key%d", t);
		e->key = xstrdup(key);
		add_name(&e->authors, "Berg", "Jan", "van der", "Jr.");
		add_name(&e->authors, "ACM", NULL, NULL, NULL);
		e->authors.v[2].flags = NAME_LITERAL;
		add_name(&e->editors, "Doe", "Jane", NULL, NULL);
		entry_set(e, FIELD_MONTH, "12");
		entry_set(e, FIELD_DAY, "31");
		entry_set(e, FIELD_CONTAINER, "Proc. of Something");
		entry_set(e, FIELD_CONTAINER_SHORT, "SOME");
		entry_set(e, FIELD_COLLECTION, "LNCS");
		entry_set(e, FIELD_VOLUME, "12");
		entry_set(e, FIELD_ISSUE, "3");
		entry_set(e, FIELD_PAGES, "12-34");
		entry_set(e, FIELD_EDITION, "2");
		entry_set(e, FIELD_INSTITUTION, "KTH");
		entry_set(e, FIELD_PLACE, "Stockholm");
		entry_set(e, FIELD_AUTHORITY, "WO");
		entry_set(e, FIELD_DOI, "10.1/x");
		entry_set(e, FIELD_ARXIV, "2101.00001");
		entry_set(e, FIELD_URL, "https://example.org/");
		entry_set(e, FIELD_ISBN, "978-3-16-148410-0");
		entry_set(e, FIELD_STATUS, "to appear");
		entry_set(e, FIELD_NOTE, "Best paper");
		assert_int_equal(out_csl_write(o, &e, 1), 0);
		entry_free(e);
	}
	assert_int_equal(out_csl_close(o), 0);
	fclose(fp);
	j = json_loads(buf, 0, &err);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), TYPE__COUNT);
	assert_string_equal(str(json_array_get(j, TYPE_ARTICLE), "title"),
	    "Über “quotes” — and\ttabs \\ \"escapes\"");
	json_decref(j);
	if (dump != NULL && *dump != '\0') {
		fp = fopen(dump, "w");
		assert_non_null(fp);
		fputs(buf, fp);
		assert_int_equal(fclose(fp), 0);
	}
	free(buf);
}

/*
 * The text of v by jansson's own dump, as out_csl_emit() must write it:
 * one level deeper (a newline in JSON text is only ever indentation).
 */
static char *
jansson_text(const json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENCODE_ANY);
	struct buf b = BUF_INIT;
	const char *p;

	assert_non_null(s);
	buf_puts(&b, "");
	for (p = s; *p != '\0'; p++) {
		buf_putc(&b, *p);
		if (*p == '\n')
			buf_puts(&b, "  ");
	}
	free(s);
	return buf_take(&b);
}

/* out_csl_emit() writes v as jansson does; v is the caller's still. */
static void
check_emit(const json_t *v)
{
	struct buf b = BUF_INIT;
	char *want = jansson_text(v);

	buf_puts(&b, "x");	/* appends to what is there */
	assert_int_equal(out_csl_emit(v, &b), 0);
	assert_int_equal(b.len, strlen(b.s));
	assert_string_equal(b.s + 1, want);
	free(want);
	buf_free(&b);
}

static void
test_out_csl_emit_scalars_and_containers(void **state)
{
	static const json_int_t ints[] = {
		0, 1, 9, 10, 2021, 9999, -1, -10, 1234567890123LL,
		LLONG_MAX, LLONG_MIN
	};
	json_t *o, *a, *inner;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		o = json_integer(ints[i]);
		check_emit(o);
		json_decref(o);
	}
	/* Kinds a CSL item does not hold go through jansson. */
	o = json_pack("[b, b, n, f, f, f]", 1, 0, 0.5, -1e300, 3.0);
	check_emit(o);
	json_decref(o);
	/* Empty containers, alone and nested; deep nesting. */
	o = json_object();
	check_emit(o);
	json_object_set_new(o, "empty array", json_array());
	json_object_set_new(o, "empty object", json_object());
	a = json_array();
	json_array_append_new(a, json_array());
	json_array_append_new(a, json_object());
	json_array_append_new(a, json_string(""));
	json_object_set_new(o, "a", a);
	check_emit(o);
	check_emit(a);
	check_emit(json_object_get(o, "empty array"));
	inner = json_integer(7);
	for (i = 0; i < 24; i++)	/* more than 32 spaces of indentation */
		inner = i % 2 ? json_pack("[o]", inner) :
		    json_pack("{s:o, s:i}", "k", inner, "n", (int)i);
	check_emit(inner);
	json_decref(inner);
	/* Keys in the order they were set, not sorted. */
	json_object_set_new(o, "B", json_string("b"));
	json_object_set_new(o, "A", json_string("a"));
	json_object_set_new(o, "a\"key\\with\tescapes\u2028", json_string("v"));
	check_emit(o);
	json_decref(o);
}

/*
 * Every string is copied as it is or handed to jansson: put each
 * character JSON escapes, and some it does not, at every place of strings
 * from 0 to 19 bytes long (the scan goes eight bytes at a time, the last
 * eight overlapping).
 */
static void
test_out_csl_emit_strings(void **state)
{
	static const char *const chars[] = {
		"\"", "\\", "\n", "\t", "\r", "\b", "\f", "\x01", "\x1f",
		" ", "!", "#", "/", "[", "]", "\x7f", "é", "≈",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "😀", "\xc2\x80", "A",
	};
	char s[64];
	size_t c, len, at, cl;
	json_t *v, *o;

	(void)state;
	for (c = 0; c < sizeof(chars) / sizeof(chars[0]); c++) {
		cl = strlen(chars[c]);
		for (len = 0; len < 20; len++)
			for (at = 0; at <= len; at++) {
				memset(s, 'x', len);
				memcpy(s + at, chars[c], cl);
				memset(s + at + cl, 'y', len - at);
				s[len + cl] = '\0';
				v = json_string(s);
				assert_non_null(v);
				check_emit(v);
				o = json_pack("{s:O}", s, v);	/* as a key */
				check_emit(o);
				json_decref(o);
				json_decref(v);
			}
	}
	/* A NUL inside a string: "\u0000". */
	v = json_stringn("a\0b", 3);
	check_emit(v);
	json_decref(v);
	v = json_string("");
	check_emit(v);
	json_decref(v);
}

/*
 * The writer's text (out_csl_emit(), the id put in by out_csl_add()) is
 * jansson's: entries with every member, names of every shape, dates of
 * one to three parts, text with characters to escape.
 */
static void
test_out_csl_writer_text_is_janssons(void **state)
{
	static const char *const texts[] = {
		"plain", "with \"quotes\"", "back\\slash", "tab\there",
		"new\nline", "ctl\x01\x1f", "Über “quotes” — ≈",
		"line\xe2\x80\xa8sep", "a/b", "del\x7f",
	};
	static const char *const dates[][3] = {
		{ "2021", NULL, NULL }, { "2021", "4", NULL },
		{ "1999", "12", "31" }, { "n.d.", NULL, NULL },
	};
	const size_t ntexts = sizeof(texts) / sizeof(texts[0]);
	struct entry *e[64];
	struct buf want = BUF_INIT;
	char *buf = NULL, *alone, *p, key[16];
	size_t len = 0, n = 0, i, f;
	FILE *fp = open_memstream(&buf, &len);
	struct out_csl *o = out_csl_open(fp);
	unsigned shape;
	int t;

	(void)state;
	/* Names of every shape: a literal, or any parts but none. */
	e[n] = make_entry(TYPE_ARTICLE, NULL, "2020", texts[1]);
	for (shape = 0; shape < 16; shape++)
		add_name(&e[n]->authors, shape & 1 ? "Fam" : NULL,
		    shape & 2 ? "Giv" : NULL, shape & 4 ? "van der" : NULL,
		    shape & 8 ? "Jr." : NULL);
	add_name(&e[n]->authors, "WHO \"x\"", NULL, NULL, NULL);
	e[n]->authors.v[16].flags |= NAME_LITERAL;
	add_name(&e[n]->editors, "Doe", NULL, NULL, texts[2]);
	n++;
	/* Every type, every field, each text and date in turn. */
	for (t = 0; t < TYPE__COUNT; t++, n++) {
		e[n] = make_entry((enum entry_type)t, texts[t % ntexts],
		    dates[t % 4][0], texts[(t + 1) % ntexts]);
		entry_set(e[n], FIELD_MONTH, dates[t % 4][1]);
		entry_set(e[n], FIELD_DAY, dates[t % 4][2]);
		for (f = 0; f < FIELD__COUNT; f++)
			if (f != FIELD_YEAR && f != FIELD_MONTH &&
			    f != FIELD_DAY && f != FIELD_TITLE &&
			    (f + (size_t)t) % 3 != 0)
				entry_set(e[n], (enum field)f,
				    texts[(f + (size_t)t) % ntexts]);
		if (t % 2)
			add_name(&e[n]->editors, "Ed", texts[(size_t)t % ntexts],
			    NULL, NULL);
	}
	/* No names, no date, the fewest members. */
	e[n++] = make_entry(TYPE_MISC, NULL, NULL, NULL);
	assert_true(n <= sizeof(e) / sizeof(e[0]));
	buf_puts(&want, "[");
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		e[i]->key = xstrdup(key);
		alone = out_csl_item(e[i]);
		buf_puts(&want, i > 0 ? ",\n  " : "\n  ");
		for (p = alone; *p != '\0'; p++) {
			buf_putc(&want, *p);
			if (*p == '\n')
				buf_puts(&want, "  ");
		}
		free(alone);
	}
	buf_puts(&want, "\n]\n");
	assert_int_equal(out_csl_write(o, e, n), 0);
	assert_int_equal(out_csl_close(o), 0);
	fclose(fp);
	assert_string_equal(buf, want.s);
	/* The texts went in: their escapes are in the output. */
	assert_non_null(strstr(buf, "\"with \\\"quotes\\\"\""));
	assert_non_null(strstr(buf, "ctl\\u0001\\u001F"));
	assert_non_null(strstr(buf, "\"family\": \"Fam\",\n"));
	for (i = 0; i < n; i++)
		entry_free(e[i]);
	buf_free(&want);
	free(buf);
}

/*
 * Every item of the expected CSL-JSON of the golden and corpus cases,
 * parsed by jansson and written again, is jansson's text; a golden file,
 * written by cv2bib, is the writer's text byte for byte.
 */
static void
test_out_csl_emit_every_expected_item(void **state)
{
	static const char *const pats[] = {
		"tests/golden/*/expected.json", "tests/corpus/*.expected.json",
	};
	const char *srcdir = getenv("srcdir");
	char pat[4096];
	size_t i, k, items = 0, files = 0;
	glob_t g;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (k = 0; k < 2; k++) {
		snprintf(pat, sizeof(pat), "%s/%s", srcdir, pats[k]);
		if (glob(pat, 0, NULL, &g) != 0)
			continue;
		for (i = 0; i < g.gl_pathc; i++) {
			struct buf whole = BUF_INIT;
			json_error_t err;
			json_t *arr, *it;
			char *text = NULL;
			size_t j, tlen = 0;
			FILE *fp;

			fp = fopen(g.gl_pathv[i], "r");
			assert_non_null(fp);
			if (getdelim(&text, &tlen, '\0', fp) <= 0) {
				/* The run fails: no output. */
				fclose(fp);
				free(text);
				continue;
			}
			fclose(fp);
			arr = json_loads(text, 0, &err);
			assert_non_null(arr);
			assert_true(json_is_array(arr));
			buf_puts(&whole, json_array_size(arr) ? "[" : "[]\n");
			json_array_foreach(arr, j, it) {
				check_emit(it);
				buf_puts(&whole, j > 0 ? ",\n  " : "\n  ");
				assert_int_equal(out_csl_emit(it, &whole), 0);
				items++;
			}
			if (json_array_size(arr) > 0)
				buf_puts(&whole, "\n]\n");
			if (k == 0)
				assert_string_equal(whole.s, text);
			free(text);
			buf_free(&whole);
			json_decref(arr);
			files++;
		}
		globfree(&g);
	}
	/* The cases are there (25 files with output, 400 items today). */
	assert_true(files >= 20);
	assert_true(items >= 300);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_out_csl_conference_paper_exact_json),
		cmocka_unit_test(test_out_csl_type_mapping),
		cmocka_unit_test(test_out_csl_genre_of_the_entry_wins),
		cmocka_unit_test(test_out_csl_every_field_has_its_variable),
		cmocka_unit_test(test_out_csl_only_fields_that_are_set),
		cmocka_unit_test(test_out_csl_names_particle_suffix_literal_etal),
		cmocka_unit_test(test_out_csl_edited_book_has_editors_only),
		cmocka_unit_test(test_out_csl_dates_are_integer_parts),
		cmocka_unit_test(test_out_csl_patent_report_thesis_fields),
		cmocka_unit_test(test_out_csl_preprint_arxiv),
		cmocka_unit_test(
		    test_out_csl_invalid_utf8_is_left_out_with_a_warning),
		cmocka_unit_test(test_out_csl_streams_0_1_3_entries),
		cmocka_unit_test(
		    test_out_csl_streamed_item_keeps_nothing_of_the_one_before),
		cmocka_unit_test(test_out_csl_write_error_is_reported),
		cmocka_unit_test(test_out_csl_stream_of_every_type),
		cmocka_unit_test(test_out_csl_software_has_a_version),
		cmocka_unit_test(test_out_csl_emit_scalars_and_containers),
		cmocka_unit_test(test_out_csl_emit_strings),
		cmocka_unit_test(test_out_csl_writer_text_is_janssons),
		cmocka_unit_test(test_out_csl_emit_every_expected_item),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
