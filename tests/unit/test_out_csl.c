/*
 * test_out_csl.c -- CSL-JSON items and the streamed array.
 */
#include "config.h"

#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "out_csl.h"
#include "entry_fixture.h"

/* The item for e, parsed back. */
static json_t *
item(const struct entry *e)
{
	char *s = out_csl_item(e);
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);

	assert_non_null(j);
	free(s);
	return j;
}

static const char *
str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v != NULL ? json_string_value(v) : NULL;
}

static void
test_out_csl_conference_paper_in_full(void **state)
{
	struct entry *e = make_entry(TYPE_CONFERENCE, NULL, "2021",
	    "PacketMill: Toward per-core 100-Gbps Networking");
	json_t *j, *a;
	char *s;

	(void)state;
	e->key = xstrdup("farshin2021packetmill");
	add_name(&e->authors, "Farshin", "Alireza", NULL, NULL);
	add_name(&e->authors, "Maguire", "Gerald Q.", NULL, "Jr.");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	entry_set(e, FIELD_CONTAINER, "International Conference on ASPLOS");
	entry_set(e, FIELD_CONTAINER_SHORT, "ASPLOS");
	entry_set(e, FIELD_MONTH, "4");
	entry_set(e, FIELD_PAGES, "1-17");
	entry_set(e, FIELD_DOI, "10.1145/3445814.3446724");
	entry_set(e, FIELD_NOTE, "Acceptance rate: 75/398 ≈ 18.8%");
	s = out_csl_item(e);
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
	    "        4\n      ]\n    ]\n  },\n"
	    "  \"title\": \"PacketMill: Toward per-core 100-Gbps Networking\",\n"
	    "  \"container-title\": \"International Conference on ASPLOS\",\n"
	    "  \"container-title-short\": \"ASPLOS\",\n"
	    "  \"page\": \"1-17\",\n"
	    "  \"DOI\": \"10.1145/3445814.3446724\",\n"
	    "  \"note\": \"Acceptance rate: 75/398 ≈ 18.8%\"\n}");
	free(s);
	j = item(e);
	a = json_object_get(j, "author");
	assert_int_equal(json_array_size(a), 3);
	json_decref(j);
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
		{ TYPE_ARTICLE, "article-journal", NULL },
		{ TYPE_CONFERENCE, "paper-conference", NULL },
		{ TYPE_WORKSHOP, "paper-conference", "Workshop paper" },
		{ TYPE_POSTER, "speech", "Poster" },
		{ TYPE_DEMO, "paper-conference", "Demo" },
		{ TYPE_PREPRINT, "article", "Preprint" },
		{ TYPE_REPORT, "report", NULL },
		{ TYPE_THESIS, "thesis", NULL },
		{ TYPE_BOOK, "book", NULL },
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
test_out_csl_patent_and_preprint_fields(void **state)
{
	struct entry *e = make_entry(TYPE_PATENT, "Roozbeh", "2023", "Methods");
	json_t *j;

	(void)state;
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	entry_set(e, FIELD_GENRE, "PCT Application");
	entry_set(e, FIELD_AUTHORITY, "WO");
	j = item(e);
	assert_string_equal(str(j, "number"), "PCT/SE2023/050880");
	assert_string_equal(str(j, "genre"), "PCT Application");
	assert_string_equal(str(j, "authority"), "WO");
	json_decref(j);
	entry_free(e);
	e = make_entry(TYPE_PREPRINT, "Devlin", "2018", "BERT");
	entry_set(e, FIELD_ARXIV, "1810.04805");
	entry_set(e, FIELD_CONTAINER, "arXiv");
	j = item(e);
	assert_string_equal(str(j, "number"), "arXiv:1810.04805");
	assert_string_equal(str(j, "container-title"), "arXiv");
	json_decref(j);
	entry_free(e);
	e = make_entry(TYPE_THESIS, "Doe", "2019", "Essays");
	entry_set(e, FIELD_INSTITUTION, "MIT");
	entry_set(e, FIELD_GENRE, "PhD thesis");
	j = item(e);
	assert_string_equal(str(j, "publisher"), "MIT");
	assert_string_equal(str(j, "genre"), "PhD thesis");
	json_decref(j);
	entry_free(e);
}

static void
test_out_csl_no_year_means_no_issued(void **state)
{
	struct entry *e = make_entry(TYPE_PATENT, "Roozbeh", NULL, "Methods");
	json_t *j = item(e);

	(void)state;
	assert_null(json_object_get(j, "issued"));
	json_decref(j);
	entry_free(e);
}

/* Stream n entries through a writer; parse the output back. */
static void
check_stream(size_t n)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);
	struct out_csl *o = out_csl_open(fp);
	struct entry *e[3];
	json_error_t err;
	json_t *j;

	for (i = 0; i < n; i++) {
		e[i] = make_entry(TYPE_ARTICLE, "X", "2020", "T");
		e[i]->key = xstrdup(i == 0 ? "a" : i == 1 ? "b" : "c");
	}
	if (n > 0)
		assert_int_equal(out_csl_write(o, e, 1), 0);
	if (n > 1)
		assert_int_equal(out_csl_write(o, e + 1, n - 1), 0);
	assert_int_equal(out_csl_close(o), 0);
	fclose(fp);
	j = json_loads(buf, 0, &err);
	assert_non_null(j);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), n);
	if (n == 0)
		assert_string_equal(buf, "[]\n");
	json_decref(j);
	for (i = 0; i < n; i++)
		entry_free(e[i]);
	free(buf);
}

static void
test_out_csl_streams_valid_arrays(void **state)
{
	(void)state;
	check_stream(0);
	check_stream(1);
	check_stream(3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_out_csl_conference_paper_in_full),
		cmocka_unit_test(test_out_csl_type_mapping),
		cmocka_unit_test(test_out_csl_patent_and_preprint_fields),
		cmocka_unit_test(test_out_csl_no_year_means_no_issued),
		cmocka_unit_test(test_out_csl_streams_valid_arrays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
