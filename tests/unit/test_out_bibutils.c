/*
 * test_out_bibutils.c -- BibTeX, BibLaTeX and RIS through libbibutils.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "out_bibutils.h"
#include "entry_fixture.h"

/*
 * Write e in format f; return the output.  libbibutils' stderr goes to a
 * file too, and *err says whether it printed anything.
 */
static char *
write1(enum format f, struct entry *e, int latex, int *err)
{
	char *buf = NULL, *cause = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len), *errfp = tmpfile();
	struct out_bibutils *o;
	int saved = dup(2);

	fflush(stderr);
	dup2(fileno(errfp), 2);
	o = out_bibutils_open(f, fp, latex, &cause);
	assert_non_null(o);
	assert_int_equal(out_bibutils_write(o, &e, 1), 0);
	assert_int_equal(out_bibutils_close(o), 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*err = ftell(errfp) > 0;
	fclose(errfp);
	fclose(fp);
	return buf;
}

static struct entry *
sample_paper(void)
{
	struct entry *e = make_entry(TYPE_CONFERENCE, NULL, "2021",
	    "PacketMill: Toward 100% & more");

	e->key = xstrdup("farshin2021packetmill");
	add_name(&e->authors, "Farshin", "Alireza", NULL, NULL);
	add_name(&e->authors, "Maguire", "Gerald Q.", NULL, "Jr.");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	add_name(&e->authors, "Kostić", "Dejan", NULL, NULL);
	entry_set(e, FIELD_CONTAINER, "Conference on Systems");
	entry_set(e, FIELD_CONTAINER_SHORT, "ASPLOS");
	entry_set(e, FIELD_PAGES, "1-17");
	entry_set(e, FIELD_MONTH, "4");
	entry_set(e, FIELD_DOI, "10.1145/3445814.3446724");
	entry_set(e, FIELD_NOTE, "Acceptance rate: 18.8%");
	return e;
}

static void
test_out_bibutils_bibtex_inproceedings(void **state)
{
	struct entry *e = sample_paper();
	int err;
	char *s = write1(FORMAT_BIBTEX, e, 0, &err);

	(void)state;
	assert_string_equal(s, "@InProceedings{farshin2021packetmill,\n"
	    "  author = \t{Farshin, Alireza\n"
	    "\t\tand Maguire, Jr., Gerald Q.\n"
	    "\t\tand van der Berg, Jan\n"
	    "\t\tand Kostić, Dejan},\n"
	    "  title = \t{{PacketMill}: Toward 100\\% \\& more},\n"
	    "  booktitle = \t{Conference on Systems},\n"
	    "  year = \t{2021},\n"
	    "  month = \t{Apr},\n"
	    "  pages = \t{1--17},\n"
	    "  note = \t{Acceptance rate: 18.8\\%},\n"
	    "  doi = \t{10.1145/3445814.3446724},\n"
	    "  url = \t{https://doi.org/10.1145/3445814.3446724}\n"
	    "}\n\n");
	assert_false(err);
	assert_int_not_equal((unsigned char)s[0], 0xef);	/* no BOM */
	free(s);
	s = write1(FORMAT_BIBTEX, e, 1, &err);
	assert_non_null(strstr(s, "and Kosti{\\'c}, Dejan}"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_patent_in_three_formats(void **state)
{
	struct entry *e = make_entry(TYPE_PATENT, NULL, "2023", "Methods");
	int err;
	char *s;

	(void)state;
	e->key = xstrdup("roozbeh2023methods");
	add_name(&e->authors, "Roozbeh", "Amir", NULL, NULL);
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	entry_set(e, FIELD_GENRE, "PCT Application");
	entry_set(e, FIELD_AUTHORITY, "WO");
	s = write1(FORMAT_BIBTEX, e, 0, &err);
	assert_non_null(strstr(s, "@Misc{roozbeh2023methods,"));
	assert_non_null(strstr(s, "howpublished = \t{PCT Application "
	    "PCT/SE2023/050880}"));
	assert_false(err);	/* libbibutils said nothing on stderr */
	free(s);
	s = write1(FORMAT_BIBLATEX, e, 0, &err);
	assert_non_null(strstr(s, "@Patent{roozbeh2023methods,"));
	assert_non_null(strstr(s, "number = \t{PCT/SE2023/050880}"));
	assert_non_null(strstr(s, "type = \t{PCT Application}"));
	assert_false(err);
	free(s);
	s = write1(FORMAT_RIS, e, 0, &err);
	assert_non_null(strstr(s, "TY  - PAT\n"));
	assert_non_null(strstr(s, "IS  - PCT/SE2023/050880\n"));
	assert_false(err);
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_ris_names_and_container(void **state)
{
	struct entry *e = sample_paper();
	int err;
	char *s = write1(FORMAT_RIS, e, 0, &err);

	(void)state;
	assert_non_null(strstr(s, "TY  - CONF\n"));
	assert_non_null(strstr(s, "AU  - Maguire, Gerald Q., Jr.\n"));
	assert_non_null(strstr(s, "AU  - van der Berg, Jan\n"));
	assert_non_null(strstr(s, "TI  - PacketMill: Toward 100% & more\n"));
	assert_non_null(strstr(s, "BT  - Conference on Systems\n"));
	assert_non_null(strstr(s, "SP  - 1\nEP  - 17\n"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_report_without_institution_is_misc(void **state)
{
	struct entry *e = make_entry(TYPE_REPORT, "Farshin", "2021", "Secret");
	int err;
	char *s;

	(void)state;
	e->key = xstrdup("k");
	entry_set(e, FIELD_GENRE, "Technical Report");
	s = write1(FORMAT_BIBTEX, e, 0, &err);
	assert_non_null(strstr(s, "@Misc{k,"));
	assert_non_null(strstr(s, "howpublished = \t{Technical Report}"));
	free(s);
	entry_set(e, FIELD_INSTITUTION, "KTH");
	s = write1(FORMAT_BIBTEX, e, 0, &err);
	assert_non_null(strstr(s, "@TechReport{k,"));
	assert_non_null(strstr(s, "institution = \t{KTH}"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_formats_that_stream(void **state)
{
	(void)state;
	assert_true(out_bibutils_streams(FORMAT_BIBTEX));
	assert_true(out_bibutils_streams(FORMAT_RIS));
	assert_false(out_bibutils_streams(FORMAT_MODS));
	assert_false(out_bibutils_available(FORMAT_ENDNOTE_XML));
	assert_false(out_bibutils_available(FORMAT_CSL_JSON));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_out_bibutils_bibtex_inproceedings),
		cmocka_unit_test(test_out_bibutils_patent_in_three_formats),
		cmocka_unit_test(test_out_bibutils_ris_names_and_container),
		cmocka_unit_test(
		    test_out_bibutils_report_without_institution_is_misc),
		cmocka_unit_test(test_out_bibutils_formats_that_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
