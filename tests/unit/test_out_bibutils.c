/*
 * test_out_bibutils.c -- BibTeX, BibLaTeX, RIS and the other libbibutils
 * formats: the exact text written for each entry type, names, escaping,
 * the fixes made around libbibutils, and that libbibutils stays quiet;
 * and the format table and writer of write.c.
 */
#include "config.h"

#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "out_bibutils.h"
#include "write.h"
#include "entry_fixture.h"

/* What a write produced: the text, and whether stderr got anything. */
struct written {
	char	*out;
	int	 err;
};

/*
 * Write v[0..n) in format f, in batches of `batch` entries (0: all at
 * once).  libbibutils' stderr goes to a file meanwhile.
 */
static struct written
write_batches(enum format f, struct entry **v, size_t n, size_t batch,
    int latex)
{
	struct written w = { NULL, 0 };
	char *cause = NULL;
	size_t len = 0, i, k;
	FILE *fp = open_memstream(&w.out, &len), *errfp = tmpfile();
	struct out_bibutils *o;
	int saved = dup(2);

	assert_non_null(fp);
	assert_non_null(errfp);
	fflush(stderr);
	dup2(fileno(errfp), 2);
	o = out_bibutils_open(f, fp, latex, &cause);
	assert_non_null(o);
	if (batch == 0)
		batch = n;
	for (i = 0; i < n; i += k) {
		k = n - i < batch ? n - i : batch;
		assert_int_equal(out_bibutils_write(o, v + i, k), 0);
	}
	assert_int_equal(out_bibutils_close(o), 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	w.err = ftell(errfp) > 0;
	fclose(errfp);
	fclose(fp);
	return w;
}

/* Write one entry; assert that libbibutils printed nothing. */
static char *
write1(enum format f, struct entry *e, int latex)
{
	struct written w = write_batches(f, &e, 1, 0, latex);

	assert_false(w.err);
	return w.out;
}

/* Write e in f and compare the whole text; frees nothing of e. */
static void
check_text(enum format f, struct entry *e, int latex, const char *want)
{
	char *got = write1(f, e, latex);

	assert_string_equal(got, want);
	free(got);
}

/* Entries of every type, small: one per row of type_cases. */

static struct entry *
base(enum entry_type t, const char *key)
{
	struct entry *e = make_entry(t, NULL, "2021", "Fast Packets");

	e->key = xstrdup(key);
	add_name(&e->authors, "Farshin", "Alireza", NULL, NULL);
	return e;
}

static struct entry *
b_article(void)
{
	struct entry *e = base(TYPE_ARTICLE, "art");

	entry_set(e, FIELD_CONTAINER, "Journal of Networks");
	entry_set(e, FIELD_CONTAINER_SHORT, "JoN");
	entry_set(e, FIELD_VOLUME, "12");
	entry_set(e, FIELD_ISSUE, "3");
	entry_set(e, FIELD_PAGES, "1-10");
	return e;
}

static struct entry *
b_magazine(void)
{
	struct entry *e = base(TYPE_MAGAZINE, "mag");

	entry_set(e, FIELD_CONTAINER, "IEEE Spectrum");
	entry_set(e, FIELD_VOLUME, "59");
	return e;
}

static struct entry *
b_paper(enum entry_type t)
{
	struct entry *e = base(t, "paper");

	entry_set(e, FIELD_CONTAINER, "Symposium on Networked Systems");
	entry_set(e, FIELD_CONTAINER_SHORT, "NSDI");
	entry_set(e, FIELD_PAGES, "5–9");
	return e;
}

static struct entry *b_conference(void) { return b_paper(TYPE_CONFERENCE); }
static struct entry *b_workshop(void) { return b_paper(TYPE_WORKSHOP); }
static struct entry *b_abstract(void) { return b_paper(TYPE_ABSTRACT); }
static struct entry *b_poster(void) { return b_paper(TYPE_POSTER); }
static struct entry *b_demo(void) { return b_paper(TYPE_DEMO); }

static struct entry *
b_preprint(void)
{
	struct entry *e = base(TYPE_PREPRINT, "pre");

	entry_set(e, FIELD_CONTAINER, "arXiv");
	entry_set(e, FIELD_ARXIV, "2101.00001");
	return e;
}

static struct entry *
b_report(void)
{
	struct entry *e = base(TYPE_REPORT, "rep");

	entry_set(e, FIELD_INSTITUTION, "KTH");
	entry_set(e, FIELD_NUMBER, "TR-7");
	entry_set(e, FIELD_GENRE, "Technical Report");
	return e;
}

static struct entry *
b_phd(void)
{
	struct entry *e = base(TYPE_THESIS, "phd");

	entry_set(e, FIELD_INSTITUTION, "KTH");
	entry_set(e, FIELD_GENRE, "PhD thesis");
	return e;
}

static struct entry *
b_masters(void)
{
	struct entry *e = base(TYPE_THESIS, "msc");

	entry_set(e, FIELD_INSTITUTION, "Amirkabir University");
	entry_set(e, FIELD_GENRE, "Master's thesis");
	return e;
}

static struct entry *
b_book(void)
{
	struct entry *e = base(TYPE_BOOK, "book");

	entry_set(e, FIELD_PUBLISHER, "Springer");
	entry_set(e, FIELD_PLACE, "Berlin");
	return e;
}

static struct entry *
b_edited_book(void)
{
	struct entry *e = make_entry(TYPE_EDITED_BOOK, NULL, "2021",
	    "Fast Packets");

	e->key = xstrdup("ed");
	add_name(&e->editors, "Doe", "John", NULL, NULL);
	entry_set(e, FIELD_PUBLISHER, "Springer");
	return e;
}

static struct entry *
b_chapter(void)
{
	struct entry *e = base(TYPE_CHAPTER, "chap");

	add_name(&e->editors, "Doe", "John", NULL, NULL);
	entry_set(e, FIELD_CONTAINER, "Handbook of Networks");
	entry_set(e, FIELD_PUBLISHER, "Springer");
	entry_set(e, FIELD_PAGES, "10-20");
	return e;
}

static struct entry *
b_patent(void)
{
	struct entry *e = base(TYPE_PATENT, "pat");

	entry_set(e, FIELD_GENRE, "US Patent");
	entry_set(e, FIELD_NUMBER, "11,234,567");
	entry_set(e, FIELD_AUTHORITY, "US");
	entry_set(e, FIELD_MONTH, "1");
	return e;
}

static struct entry *
b_talk(void)
{
	struct entry *e = base(TYPE_TALK, "talk");

	entry_set(e, FIELD_CONTAINER, "NetSys Seminar");
	entry_set(e, FIELD_PLACE, "Stockholm");
	entry_set(e, FIELD_GENRE, "Invited talk");
	return e;
}

static struct entry *
b_software(void)
{
	struct entry *e = base(TYPE_SOFTWARE, "sw");

	entry_set(e, FIELD_PUBLISHER, "GitHub");
	entry_set(e, FIELD_URL, "https://github.com/aliireza/fast");
	return e;
}

static struct entry *
b_misc(void)
{
	struct entry *e = base(TYPE_MISC, "misc");

	entry_set(e, FIELD_NOTE, "Poster abstract");
	return e;
}

static struct entry *
b_unknown(void)
{
	return base(TYPE_UNKNOWN, "unk");
}

/* Every entry type, small, in the three main formats. */
static const struct {
	const char	*name;
	struct entry	*(*build)(void);
	const char	*bibtex;
	const char	*biblatex;
	const char	*ris;
} type_cases[] = {
	{ "article", b_article,
	    "@Article{art,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  journal = \t{Journal of Networks},\n"
	    "  shortjournal = \t{JoN},\n"
	    "  year = \t{2021},\n"
	    "  volume = \t{12},\n"
	    "  number = \t{3},\n"
	    "  pages = \t{1--10}\n"
	    "}\n"
	    "\n",
	    "@Article{art,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  journal = \t{Journal of Networks},\n"
	    "  shortjournal = \t{JoN},\n"
	    "  date = \t{2021},\n"
	    "  volume = \t{12},\n"
	    "  number = \t{3},\n"
	    "  pages = \t{1--10}\n"
	    "}\n"
	    "\n",
	    "TY  - JOUR\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "J2  - JoN\n"
	    "T2  - Journal of Networks\n"
	    "SP  - 1\n"
	    "EP  - 10\n"
	    "VL  - 12\n"
	    "IS  - 3\n"
	    "ID  - art\n"
	    "ER  - \n",
	},
	{ "magazine", b_magazine,
	    "@Article{mag,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  journal = \t{IEEE Spectrum},\n"
	    "  year = \t{2021},\n"
	    "  volume = \t{59}\n"
	    "}\n"
	    "\n",
	    "@Article{mag,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  journal = \t{IEEE Spectrum},\n"
	    "  date = \t{2021},\n"
	    "  volume = \t{59},\n"
	    "  entrysubtype = \t{magazine}\n"
	    "}\n"
	    "\n",
	    "TY  - MGZN\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - IEEE Spectrum\n"
	    "VL  - 59\n"
	    "ID  - mag\n"
	    "ER  - \n",
	},
	{ "conference", b_conference,
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  series = \t{NSDI},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  booktitleaddon = \t{NSDI},\n"
	    "  date = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - NSDI\n"
	    "BT  - Symposium on Networked Systems\n"
	    "SP  - 5\n"
	    "EP  - 9\n"
	    "ID  - paper\n"
	    "ER  - \n",
	},
	{ "workshop", b_workshop,
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  series = \t{NSDI},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  booktitleaddon = \t{NSDI},\n"
	    "  date = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - NSDI\n"
	    "BT  - Symposium on Networked Systems\n"
	    "SP  - 5\n"
	    "EP  - 9\n"
	    "ID  - paper\n"
	    "ER  - \n",
	},
	{ "abstract", b_abstract,
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  series = \t{NSDI},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  booktitleaddon = \t{NSDI},\n"
	    "  date = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - NSDI\n"
	    "BT  - Symposium on Networked Systems\n"
	    "SP  - 5\n"
	    "EP  - 9\n"
	    "ID  - paper\n"
	    "ER  - \n",
	},
	{ "poster", b_poster,
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  series = \t{NSDI},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  booktitleaddon = \t{NSDI},\n"
	    "  date = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - NSDI\n"
	    "BT  - Symposium on Networked Systems\n"
	    "SP  - 5\n"
	    "EP  - 9\n"
	    "ID  - paper\n"
	    "ER  - \n",
	},
	{ "demo", b_demo,
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  series = \t{NSDI},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "@InProceedings{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Symposium on Networked Systems},\n"
	    "  booktitleaddon = \t{NSDI},\n"
	    "  date = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n"
	    "\n",
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "T2  - NSDI\n"
	    "BT  - Symposium on Networked Systems\n"
	    "SP  - 5\n"
	    "EP  - 9\n"
	    "ID  - paper\n"
	    "ER  - \n",
	},
	{ "preprint", b_preprint,
	    "@Misc{pre,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  howpublished = \t{arXiv},\n"
	    "  archivePrefix = \t{arXiv},\n"
	    "  eprint = \t{2101.00001}\n"
	    "}\n"
	    "\n",
	    "@Misc{pre,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  howpublished = \t{arXiv},\n"
	    "  eprint = \t{2101.00001},\n"
	    "  eprinttype = \t{arxiv}\n"
	    "}\n"
	    "\n",
	    "TY  - UNPB\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "UR  - http://arxiv.org/abs/2101.00001\n"
	    "ID  - pre\n"
	    "T2  - arXiv\n"
	    "ER  - \n",
	},
	{ "report", b_report,
	    "@TechReport{rep,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  number = \t{TR-7},\n"
	    "  institution = \t{KTH},\n"
	    "  type = \t{Technical Report}\n"
	    "}\n"
	    "\n",
	    "@TechReport{rep,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  number = \t{TR-7},\n"
	    "  institution = \t{KTH}\n"
	    "}\n"
	    "\n",
	    "TY  - RPRT\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - KTH\n"
	    "ID  - rep\n"
	    "SN  - TR-7\n"
	    "M3  - Technical Report\n"
	    "ER  - \n",
	},
	{ "phd", b_phd,
	    "@PhdThesis{phd,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  school = \t{KTH},\n"
	    "  type = \t{PhD thesis}\n"
	    "}\n"
	    "\n",
	    "@PhdThesis{phd,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  school = \t{KTH},\n"
	    "  type = \t{PhD thesis}\n"
	    "}\n"
	    "\n",
	    "TY  - THES\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - KTH\n"
	    "ID  - phd\n"
	    "U1  - Ph.D. thesis\n"
	    "M3  - PhD thesis\n"
	    "ER  - \n",
	},
	{ "masters", b_masters,
	    "@MastersThesis{msc,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  school = \t{Amirkabir University},\n"
	    "  type = \t{Master's thesis}\n"
	    "}\n"
	    "\n",
	    "@MastersThesis{msc,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  school = \t{Amirkabir University},\n"
	    "  type = \t{Master's thesis}\n"
	    "}\n"
	    "\n",
	    "TY  - THES\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - Amirkabir University\n"
	    "ID  - msc\n"
	    "U1  - Masters thesis\n"
	    "M3  - Master's thesis\n"
	    "ER  - \n",
	},
	{ "book", b_book,
	    "@Book{book,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  publisher = \t{Springer},\n"
	    "  address = \t{Berlin}\n"
	    "}\n"
	    "\n",
	    "@Book{book,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  publisher = \t{Springer},\n"
	    "  address = \t{Berlin}\n"
	    "}\n"
	    "\n",
	    "TY  - BOOK\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - Springer\n"
	    "CY  - Berlin\n"
	    "ID  - book\n"
	    "ER  - \n",
	},
	{ "edited_book", b_edited_book,
	    "@Book{ed,\n"
	    "  editor = \t{Doe, John},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  publisher = \t{Springer}\n"
	    "}\n"
	    "\n",
	    "@Collection{ed,\n"
	    "  editor = \t{Doe, John},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  publisher = \t{Springer}\n"
	    "}\n"
	    "\n",
	    "TY  - BOOK\n"
	    "ED  - Doe, John\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - Springer\n"
	    "ID  - ed\n"
	    "ER  - \n",
	},
	{ "chapter", b_chapter,
	    "@InCollection{chap,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  editor = \t{Doe, John},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Handbook of Networks},\n"
	    "  year = \t{2021},\n"
	    "  publisher = \t{Springer},\n"
	    "  pages = \t{10--20}\n"
	    "}\n"
	    "\n",
	    "@InCollection{chap,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  editor = \t{Doe, John},\n"
	    "  title = \t{Fast Packets},\n"
	    "  booktitle = \t{Handbook of Networks},\n"
	    "  date = \t{2021},\n"
	    "  publisher = \t{Springer},\n"
	    "  pages = \t{10--20}\n"
	    "}\n"
	    "\n",
	    "TY  - CHAP\n"
	    "AU  - Farshin, Alireza\n"
	    "ED  - Doe, John\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "BT  - Handbook of Networks\n"
	    "SP  - 10\n"
	    "EP  - 20\n"
	    "PB  - Springer\n"
	    "ID  - chap\n"
	    "ER  - \n",
	},
	{ "patent", b_patent,
	    "@Misc{pat,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  month = \t{Jan},\n"
	    "  address = \t{US},\n"
	    "  howpublished = \t{US Patent 11,234,567}\n"
	    "}\n"
	    "\n",
	    "@Patent{pat,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021-01},\n"
	    "  address = \t{US},\n"
	    "  number = \t{11,234,567},\n"
	    "  type = \t{US Patent}\n"
	    "}\n"
	    "\n",
	    "TY  - PAT\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021/01/\n"
	    "TI  - Fast Packets\n"
	    "CY  - US\n"
	    "ID  - pat\n"
	    "SN  - 11,234,567\n"
	    "M3  - US Patent\n"
	    "ER  - \n",
	},
	{ "talk", b_talk,
	    "@Misc{talk,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  address = \t{Stockholm},\n"
	    "  howpublished = \t{Invited talk, NetSys Seminar}\n"
	    "}\n"
	    "\n",
	    "@Misc{talk,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  address = \t{Stockholm},\n"
	    "  howpublished = \t{Invited talk, NetSys Seminar}\n"
	    "}\n"
	    "\n",
	    "TY  - SLIDE\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "CY  - Stockholm\n"
	    "ID  - talk\n"
	    "T2  - NetSys Seminar\n"
	    "ER  - \n",
	},
	{ "software", b_software,
	    "@Misc{sw,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  howpublished = \t{GitHub},\n"
	    "  url = \t{https://github.com/aliireza/fast}\n"
	    "}\n"
	    "\n",
	    "@Misc{sw,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  howpublished = \t{GitHub},\n"
	    "  url = \t{https://github.com/aliireza/fast}\n"
	    "}\n"
	    "\n",
	    "TY  - COMP\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "PB  - GitHub\n"
	    "UR  - https://github.com/aliireza/fast\n"
	    "ID  - sw\n"
	    "ER  - \n",
	},
	{ "misc", b_misc,
	    "@Misc{misc,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  note = \t{Poster abstract}\n"
	    "}\n"
	    "\n",
	    "@Misc{misc,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  note = \t{Poster abstract}\n"
	    "}\n"
	    "\n",
	    "TY  - GEN\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "N1  - Poster abstract\n"
	    "ID  - misc\n"
	    "ER  - \n",
	},
	{ "unknown", b_unknown,
	    "@Misc{unk,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021}\n"
	    "}\n"
	    "\n",
	    "@Misc{unk,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021}\n"
	    "}\n"
	    "\n",
	    "TY  - GEN\n"
	    "AU  - Farshin, Alireza\n"
	    "PY  - 2021\n"
	    "DA  - 2021//\n"
	    "TI  - Fast Packets\n"
	    "ID  - unk\n"
	    "ER  - \n",
	},
};

static void
test_out_bibutils_each_type_in_bibtex_biblatex_ris(void **state)
{
	struct entry *e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(type_cases) / sizeof(type_cases[0]); i++) {
		print_message("# type %s\n", type_cases[i].name);
		e = type_cases[i].build();
		check_text(FORMAT_BIBTEX, e, 0, type_cases[i].bibtex);
		check_text(FORMAT_BIBLATEX, e, 0, type_cases[i].biblatex);
		check_text(FORMAT_RIS, e, 0, type_cases[i].ris);
		entry_free(e);
	}
}

/* A paper with everything: names, escapes, short venue, identifiers. */
static struct entry *
full_paper(void)
{
	struct entry *e = make_entry(TYPE_CONFERENCE, NULL, "2021",
	    "PacketMill: Toward 100% & more");

	e->key = xstrdup("farshin2021packetmill");
	add_name(&e->authors, "Farshin", "Alireza", NULL, NULL);
	add_name(&e->authors, "Maguire", "Gerald Q.", NULL, "Jr.");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	add_name(&e->authors, "Kostić", "Dejan", NULL, NULL);
	entry_set(e, FIELD_CONTAINER, "Conference on Systems");
	entry_set(e, FIELD_CONTAINER_SHORT, "ASPLOS '21");
	entry_set(e, FIELD_VOLUME, "2");
	entry_set(e, FIELD_ISSUE, "4");
	entry_set(e, FIELD_PAGES, "1-17");
	entry_set(e, FIELD_MONTH, "4");
	entry_set(e, FIELD_DOI, "10.1145/3445814.3446724");
	entry_set(e, FIELD_URL, "https://example.org/pm.pdf");
	entry_set(e, FIELD_ARXIV, "2102.00001");
	entry_set(e, FIELD_STATUS, "to appear");
	entry_set(e, FIELD_NOTE, "Acceptance rate: 18.8%");
	return e;
}

static void
test_out_bibutils_full_paper_in_bibtex(void **state)
{
	struct entry *e = full_paper();

	(void)state;
	/* One url (libbibutils would add doi.org and arxiv.org ones). */
	check_text(FORMAT_BIBTEX, e, 0,
	    "@InProceedings{farshin2021packetmill,\n"
	    "  author = \t{Farshin, Alireza\n"
	    "\t\tand Maguire, Jr., Gerald Q.\n"
	    "\t\tand van der Berg, Jan\n"
	    "\t\tand Kostić, Dejan},\n"
	    "  title = \t{{PacketMill}: Toward 100\\% \\& more},\n"
	    "  booktitle = \t{Conference on Systems},\n"
	    "  series = \t{ASPLOS '21},\n"
	    "  year = \t{2021},\n"
	    "  month = \t{Apr},\n"
	    "  volume = \t{2},\n"
	    "  pages = \t{1--17},\n"
	    "  note = \t{to appear; Acceptance rate: 18.8\\%},\n"
	    "  issue = \t{4},\n"
	    "  doi = \t{10.1145/3445814.3446724},\n"
	    "  url = \t{https://example.org/pm.pdf},\n"
	    "  archivePrefix = \t{arXiv},\n"
	    "  eprint = \t{2102.00001}\n"
	    "}\n\n");
	entry_free(e);
}

static void
test_out_bibutils_full_paper_in_biblatex(void **state)
{
	struct entry *e = full_paper();

	(void)state;
	check_text(FORMAT_BIBLATEX, e, 0,
	    "@InProceedings{farshin2021packetmill,\n"
	    "  author = \t{Farshin, Alireza\n"
	    "\t\tand Maguire, Jr., Gerald Q.\n"
	    "\t\tand van der Berg, Jan\n"
	    "\t\tand Kostić, Dejan},\n"
	    "  title = \t{{PacketMill}: Toward 100\\% \\& more},\n"
	    "  booktitle = \t{Conference on Systems},\n"
	    "  booktitleaddon = \t{ASPLOS '21},\n"
	    "  date = \t{2021-04},\n"
	    "  volume = \t{2},\n"
	    "  number = \t{4},\n"
	    "  pages = \t{1--17},\n"
	    "  note = \t{Acceptance rate: 18.8\\%},\n"
	    "  pubstate = \t{forthcoming},\n"
	    "  doi = \t{10.1145/3445814.3446724},\n"
	    "  url = \t{https://example.org/pm.pdf},\n"
	    "  eprint = \t{2102.00001},\n"
	    "  eprinttype = \t{arxiv}\n"
	    "}\n\n");
	entry_free(e);
}

static void
test_out_bibutils_full_paper_in_ris(void **state)
{
	struct entry *e = full_paper();

	(void)state;
	/* No URL made of the DOI (DO has it); the arXiv one is kept. */
	check_text(FORMAT_RIS, e, 0,
	    "TY  - CONF\n"
	    "AU  - Farshin, Alireza\n"
	    "AU  - Maguire, Gerald Q., Jr.\n"
	    "AU  - van der Berg, Jan\n"
	    "AU  - Kostić, Dejan\n"
	    "PY  - 2021\n"
	    "DA  - 2021/04/\n"
	    "TI  - PacketMill: Toward 100% & more\n"
	    "T2  - ASPLOS '21\n"
	    "BT  - Conference on Systems\n"
	    "SP  - 1\n"
	    "EP  - 17\n"
	    "VL  - 2\n"
	    "IS  - 4\n"
	    "UR  - https://example.org/pm.pdf\n"
	    "UR  - http://arxiv.org/abs/2102.00001\n"
	    "N1  - to appear; Acceptance rate: 18.8%\n"
	    "ID  - farshin2021packetmill\n"
	    "DO  - 10.1145/3445814.3446724\n"
	    "ER  - \n");
	entry_free(e);
}

/* Names of every shape, and et al. */
static struct entry *
names_entry(void)
{
	struct entry *e = make_entry(TYPE_MISC, NULL, "2020", "Names");
	struct name *n;

	e->key = xstrdup("names");
	add_name(&e->authors, "Berg", "Jan", "van der", NULL);
	add_name(&e->authors, "Maguire", "Gerald Q.", NULL, "Jr.");
	add_name(&e->authors, "Smith", NULL, NULL, "III");
	add_name(&e->authors, "ACME Corp & Co", NULL, NULL, NULL);
	n = &e->authors.v[e->authors.n - 1];
	n->flags |= NAME_LITERAL;
	add_name(&e->authors, "Müller", "Zoë", NULL, NULL);
	e->authors.etal = 1;
	return e;
}

static void
test_out_bibutils_bibtex_names_particle_suffix_etal(void **state)
{
	struct entry *e = names_entry();

	(void)state;
	check_text(FORMAT_BIBTEX, e, 0,
	    "@Misc{names,\n"
	    "  author = \t{van der Berg, Jan\n"
	    "\t\tand Maguire, Jr., Gerald Q.\n"
	    "\t\tand Smith, III, {}\n"
	    "\t\tand {ACME Corp \\& Co}\n"
	    "\t\tand Müller, Zoë\n"
	    "\t\tand others},\n"
	    "  title = \t{Names},\n"
	    "  year = \t{2020}\n"
	    "}\n\n");
	/* --latex: the names' letters in LaTeX too. */
	check_text(FORMAT_BIBTEX, e, 1,
	    "@Misc{names,\n"
	    "  author = \t{van der Berg, Jan\n"
	    "\t\tand Maguire, Jr., Gerald Q.\n"
	    "\t\tand Smith, III, {}\n"
	    "\t\tand {ACME Corp \\& Co}\n"
	    "\t\tand M{\\\"u}ller, Zo{\\\"e}\n"
	    "\t\tand others},\n"
	    "  title = \t{Names},\n"
	    "  year = \t{2020}\n"
	    "}\n\n");
	entry_free(e);
}

static void
test_out_bibutils_ris_names_suffix_last_no_others(void **state)
{
	struct entry *e = names_entry();

	(void)state;
	/* RIS has no et al.: no "AU  - others".  --latex leaves RIS alone. */
	check_text(FORMAT_RIS, e, 1,
	    "TY  - GEN\n"
	    "AU  - van der Berg, Jan\n"
	    "AU  - Maguire, Gerald Q., Jr.\n"
	    "AU  - Smith, III\n"
	    "AU  - ACME Corp & Co\n"
	    "AU  - Müller, Zoë\n"
	    "PY  - 2020\n"
	    "DA  - 2020//\n"
	    "TI  - Names\n"
	    "ID  - names\n"
	    "ER  - \n");
	entry_free(e);
}

static void
test_out_bibutils_mods_names_in_parts(void **state)
{
	struct entry *e = names_entry();
	char *s = write1(FORMAT_MODS, e, 0);

	(void)state;
	assert_non_null(strstr(s,
	    "        <namePart type=\"given\">Gerald</namePart>\n"
	    "        <namePart type=\"given\">Q</namePart>\n"
	    "        <namePart type=\"family\">Maguire</namePart>\n"
	    "        <namePart type=\"suffix\">Jr.</namePart>\n"));
	assert_non_null(strstr(s,
	    "        <namePart type=\"given\">Jan</namePart>\n"
	    "        <namePart type=\"family\">van der Berg</namePart>\n"));
	assert_non_null(strstr(s, "<name type=\"corporate\">\n"
	    "        <namePart>ACME Corp &amp; Co</namePart>\n"));
	assert_null(strstr(s, "others"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_bibtex_escapes_reach_the_file_intact(void **state)
{
	struct entry *e = make_entry(TYPE_MISC, "Doe", "2020",
	    "a_b {c} #1 $5 ~x ^y \\z 50% R&D");
	char *s;

	(void)state;
	e->key = xstrdup("esc");
	s = write1(FORMAT_BIBTEX, e, 0);
	assert_non_null(strstr(s, "  title = \t{a\\_b \\{c\\} \\#1 \\$5 "
	    "{\\textasciitilde}x {\\textasciicircum}y {\\textbackslash}z "
	    "50\\% {R\\&D}},\n"));
	free(s);
	/* RIS is plain text. */
	s = write1(FORMAT_RIS, e, 0);
	assert_non_null(strstr(s,
	    "TI  - a_b {c} #1 $5 ~x ^y \\z 50% R&D\n"));
	free(s);
	entry_free(e);
}

/*
 * A value that is not UTF-8 (the reader lets none through) is converted as
 * bibl_write() converts every value: a stray byte becomes "?".  The values
 * that are UTF-8 are not handed to libbibutils' conversion at all.
 */
static void
test_out_bibutils_invalid_utf8_converted_as_libbibutils_does(void **state)
{
	struct entry *e = make_entry(TYPE_MISC, "Doe", "2020",
	    "Bad \xff byte, Zoë");
	char *s;

	(void)state;
	e->key = xstrdup("bad");
	entry_set(e, FIELD_NOTE, "note \xfe here");
	s = write1(FORMAT_RIS, e, 0);
	assert_non_null(strstr(s, "TI  - Bad ? byte, Zoë\n"));
	assert_non_null(strstr(s, "N1  - note ? here\n"));
	free(s);
	s = write1(FORMAT_BIBTEX, e, 0);
	assert_non_null(strstr(s, "  title = \t{Bad ? byte, {Zoë}},\n"));
	assert_non_null(strstr(s, "  note = \t{note ? here}"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_latex_maps_diacritics_in_tex_only(void **state)
{
	struct entry *e = make_entry(TYPE_ARTICLE, NULL, "2022",
	    "Çatalhöyük revisited – “naïve” ≈ 5%");
	char *s;

	(void)state;
	e->key = xstrdup("lat");
	add_name(&e->authors, "Ødegård-Kostić", "Zoë", NULL, NULL);
	entry_set(e, FIELD_CONTAINER, "Revue d’Études");
	s = write1(FORMAT_BIBLATEX, e, 1);
	assert_non_null(strstr(s, "  author = \t{{\\O}deg{\\aa}rd-Kosti{\\'c}, "
	    "Zo{\\\"e}},\n"));
	assert_non_null(strstr(s, "  title = \t{{\\c{C}}atalh{\\\"o}y{\\\"u}k "
	    "revisited -- ``na{\\\"\\i}ve'' $\\approx$ 5\\%},\n"));
	assert_non_null(strstr(s, "  journal = \t{Revue d'{\\'E}tudes},\n"));
	free(s);
	s = write1(FORMAT_RIS, e, 1);
	assert_non_null(strstr(s, "AU  - Ødegård-Kostić, Zoë\n"));
	free(s);
	entry_free(e);
}

static void
test_out_bibutils_patent_application_in_three_formats(void **state)
{
	struct entry *e = make_entry(TYPE_PATENT, NULL, "2023",
	    "Methods for Packets");

	(void)state;
	e->key = xstrdup("roozbeh2023methods");
	add_name(&e->authors, "Roozbeh", "Amir", NULL, NULL);
	entry_set(e, FIELD_NUMBER, "PCT/SE2023/050880");
	entry_set(e, FIELD_GENRE, "PCT Application");
	entry_set(e, FIELD_AUTHORITY, "WO");
	entry_set(e, FIELD_MONTH, "9");
	/* BibTeX has no @patent: @misc, and nothing said on stderr. */
	check_text(FORMAT_BIBTEX, e, 0,
	    "@Misc{roozbeh2023methods,\n"
	    "  author = \t{Roozbeh, Amir},\n"
	    "  title = \t{Methods for Packets},\n"
	    "  year = \t{2023},\n"
	    "  month = \t{Sep},\n"
	    "  address = \t{WO},\n"
	    "  howpublished = \t{PCT Application PCT/SE2023/050880}\n"
	    "}\n\n");
	check_text(FORMAT_BIBLATEX, e, 0,
	    "@Patent{roozbeh2023methods,\n"
	    "  author = \t{Roozbeh, Amir},\n"
	    "  title = \t{Methods for Packets},\n"
	    "  date = \t{2023-09},\n"
	    "  address = \t{WO},\n"
	    "  number = \t{PCT/SE2023/050880},\n"
	    "  type = \t{PCT Application}\n"
	    "}\n\n");
	/* An application's number is M1 (Zotero), a granted one's SN. */
	check_text(FORMAT_RIS, e, 0,
	    "TY  - PAT\n"
	    "AU  - Roozbeh, Amir\n"
	    "PY  - 2023\n"
	    "DA  - 2023/09/\n"
	    "TI  - Methods for Packets\n"
	    "CY  - WO\n"
	    "ID  - roozbeh2023methods\n"
	    "M1  - PCT/SE2023/050880\n"
	    "M3  - PCT Application\n"
	    "ER  - \n");
	entry_free(e);
}

static void
test_out_bibutils_bibtex_incomplete_entries_become_misc(void **state)
{
	struct entry *paper = b_paper(TYPE_CONFERENCE);
	struct entry *rep = b_report(), *chap = b_chapter();
	struct entry *anon = make_entry(TYPE_TALK, NULL, "2020",
	    "Keynote on Networks");

	(void)state;
	/* plain.bst would warn of the missing booktitle. */
	free(paper->f[FIELD_CONTAINER]);
	paper->f[FIELD_CONTAINER] = NULL;
	check_text(FORMAT_BIBTEX, paper, 0,
	    "@Misc{paper,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{5--9}\n"
	    "}\n\n");
	free(rep->f[FIELD_INSTITUTION]);
	rep->f[FIELD_INSTITUTION] = NULL;
	check_text(FORMAT_BIBTEX, rep, 0,
	    "@Misc{rep,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  number = \t{TR-7},\n"
	    "  howpublished = \t{Technical Report}\n"
	    "}\n\n");
	/* A chapter without publisher: what was known is howpublished. */
	free(chap->f[FIELD_PUBLISHER]);
	chap->f[FIELD_PUBLISHER] = NULL;
	check_text(FORMAT_BIBTEX, chap, 0,
	    "@Misc{chap,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  editor = \t{Doe, John},\n"
	    "  title = \t{Fast Packets},\n"
	    "  year = \t{2021},\n"
	    "  pages = \t{10--20},\n"
	    "  howpublished = \t{Handbook of Networks}\n"
	    "}\n\n");
	/* No author: plain.bst sorts by "key". */
	anon->key = xstrdup("anon");
	check_text(FORMAT_BIBTEX, anon, 0,
	    "@Misc{anon,\n"
	    "  title = \t{Keynote on Networks},\n"
	    "  year = \t{2020},\n"
	    "  key = \t{Keynote on Networks}\n"
	    "}\n\n");
	entry_free(paper);
	entry_free(rep);
	entry_free(chap);
	entry_free(anon);
}

static void
test_out_bibutils_biblatex_invalid_fields_to_addendum(void **state)
{
	struct entry *e = b_phd();

	(void)state;
	/* biber's data model has no publisher or volume in @thesis. */
	entry_set(e, FIELD_PUBLISHER, "KTH Press");
	entry_set(e, FIELD_VOLUME, "12");
	check_text(FORMAT_BIBLATEX, e, 0,
	    "@PhdThesis{phd,\n"
	    "  author = \t{Farshin, Alireza},\n"
	    "  title = \t{Fast Packets},\n"
	    "  date = \t{2021},\n"
	    "  school = \t{KTH},\n"
	    "  type = \t{PhD thesis},\n"
	    "  addendum = \t{KTH Press; vol. 12}\n"
	    "}\n\n");
	entry_free(e);
}

static void
test_out_bibutils_endnote_conference_paper(void **state)
{
	struct entry *e = b_paper(TYPE_CONFERENCE), *m = b_misc();
	char *s;

	(void)state;
	s = write1(FORMAT_ENDNOTE, e, 0);
	assert_non_null(strstr(s, "%0 Conference Paper\n"));
	assert_non_null(strstr(s, "%B Symposium on Networked Systems\n"));
	assert_null(strstr(s, "%S "));
	free(s);
	/* libbibutils knows no "miscellaneous" here: Generic, quietly. */
	s = write1(FORMAT_ENDNOTE, m, 0);
	assert_non_null(strstr(s, "%0 Generic\n"));
	free(s);
	entry_free(e);
	entry_free(m);
}

/* The builders of the type table, as one list of entries. */
static size_t
all_types(struct entry **v)
{
	size_t i, n = sizeof(type_cases) / sizeof(type_cases[0]);

	for (i = 0; i < n; i++)
		v[i] = type_cases[i].build();
	v[n] = full_paper();
	v[n + 1] = names_entry();
	return n + 2;
}

static void
test_out_bibutils_silent_for_every_type_and_format(void **state)
{
	struct entry *v[64];
	struct written w;
	size_t i, n = all_types(v);
	int f;

	(void)state;
	for (f = 0; f < FORMAT__COUNT; f++) {
		if (!out_bibutils_available((enum format)f))
			continue;
		print_message("# format %s\n", format_name((enum format)f));
		w = write_batches((enum format)f, v, n, 1, 0);
		assert_false(w.err);
		assert_true(strlen(w.out) > 0);
		/* No UTF-8 byte-order mark, ever. */
		assert_false(strncmp(w.out, "\xef\xbb\xbf", 3) == 0);
		free(w.out);
	}
	for (i = 0; i < n; i++)
		entry_free(v[i]);
}

static void
test_out_bibutils_batches_write_what_one_call_writes(void **state)
{
	struct entry *v[64];
	struct written one, many;
	size_t i, n = all_types(v);
	const char *p;
	int f, k;

	(void)state;
	for (f = 0; f < FORMAT__COUNT; f++) {
		if (!out_bibutils_available((enum format)f))
			continue;
		one = write_batches((enum format)f, v, n, 0, 0);
		many = write_batches((enum format)f, v, n, 3, 0);
		assert_string_equal(one.out, many.out);
		if (!out_bibutils_streams((enum format)f)) {
			/* The XML formats: one collection, written at close. */
			k = 0;
			for (p = many.out; (p = strstr(p, "<?xml")) != NULL;
			    p++)
				k++;
			assert_int_equal(k, 1);
		}
		free(one.out);
		free(many.out);
	}
	for (i = 0; i < n; i++)
		entry_free(v[i]);
}

/*
 * A writer keeps its buffers from record to record: what it writes of
 * each entry, after any others, is what a writer of its own writes of it.
 * Both orders, so that a short value follows a long one and the reverse.
 */
static void
test_out_bibutils_each_record_as_if_alone(void **state)
{
	static const enum format formats[] = {
		FORMAT_BIBTEX, FORMAT_BIBLATEX, FORMAT_RIS, FORMAT_ENDNOTE
	};
	struct entry *v[64], *rev[64];
	struct written all;
	struct buf alone = BUF_INIT;
	char *one;
	size_t i, n = all_types(v), f;
	int latex, order;

	(void)state;
	for (i = 0; i < n; i++)
		rev[i] = v[n - 1 - i];
	for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
		for (latex = 0; latex <= 1; latex++)
			for (order = 0; order <= 1; order++) {
				buf_reset(&alone);
				for (i = 0; i < n; i++) {
					one = write1(formats[f], order ? rev[i] :
					    v[i], latex);
					buf_puts(&alone, one);
					free(one);
				}
				all = write_batches(formats[f], order ? rev : v,
				    n, 0, latex);
				assert_string_equal(all.out, buf_str(&alone));
				free(all.out);
			}
	buf_free(&alone);
	for (i = 0; i < n; i++)
		entry_free(v[i]);
}

/*
 * The values built from parts: pages around a spaced dash, a two-digit
 * month, a paper's number in the note after the remarks, a misc's venue
 * and its short name in howpublished.
 */
static void
test_out_bibutils_values_built_from_parts(void **state)
{
	struct entry *p = make_entry(TYPE_CONFERENCE, "Doe", "2020", "Paper");
	struct entry *m = make_entry(TYPE_MISC, "Doe", "2021", "Thing");

	(void)state;
	p->key = xstrdup("p");
	entry_set(p, FIELD_CONTAINER, "Proc. of X");
	entry_set(p, FIELD_PAGES, "12  \xe2\x80\x93  34");
	entry_set(p, FIELD_MONTH, "11");
	entry_set(p, FIELD_NUMBER, "7");
	entry_set(p, FIELD_NOTE, "Best paper");
	check_text(FORMAT_BIBTEX, p, 0,
	    "@InProceedings{p,\n"
	    "  author = \t{Doe, A.},\n"
	    "  title = \t{Paper},\n"
	    "  booktitle = \t{Proc. of X},\n"
	    "  year = \t{2020},\n"
	    "  month = \t{Nov},\n"
	    "  pages = \t{12--34},\n"
	    "  note = \t{Best paper; No. 7}\n"
	    "}\n\n");
	m->key = xstrdup("m");
	entry_set(m, FIELD_CONTAINER, "Journal of $Y$");
	entry_set(m, FIELD_CONTAINER_SHORT, "JY");
	entry_set(m, FIELD_PUBLISHER, "Pub & Co");
	check_text(FORMAT_BIBTEX, m, 0,
	    "@Misc{m,\n"
	    "  author = \t{Doe, A.},\n"
	    "  title = \t{Thing},\n"
	    "  year = \t{2021},\n"
	    "  howpublished = \t{Journal of \\$Y\\$ (JY), Pub \\& Co}\n"
	    "}\n\n");
	entry_free(p);
	entry_free(m);
}

static void
test_out_bibutils_write_error_is_reported(void **state)
{
	struct entry *e = b_article();
	struct out_bibutils *o;
	char *cause = NULL;
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (fp == NULL)
		skip();
	o = out_bibutils_open(FORMAT_RIS, fp, 0, &cause);
	assert_non_null(o);
	assert_int_equal(out_bibutils_write(o, &e, 1), -1);
	assert_int_equal(out_bibutils_close(o), -1);
	fclose(fp);
	entry_free(e);
}

/* Bytes in use on the heap, or -1 where the C library cannot say. */
static long
heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	return (long)mallinfo2().uordblks;
#else
	return -1;
#endif
}

/*
 * Memory does not grow with the number of calls: libbibutils 7.2 leaked
 * the last record assembled in every bibl_write(), some 2 KB a call (see
 * bu_write()).  One entry a call, as many calls as a long CV has batches
 * and more; what is written goes to /dev/null, whose buffer does not grow.
 */
static void
test_out_bibutils_memory_flat_over_many_writes(void **state)
{
	struct entry *e = full_paper();
	struct out_bibutils *o;
	char *cause = NULL;
	FILE *fp = fopen("/dev/null", "w");
	long before;
	int f, i;

	(void)state;
	if (fp == NULL || heap_in_use() == -1)
		skip();
	for (f = 0; f < FORMAT__COUNT; f++) {
		if (!out_bibutils_streams((enum format)f))
			continue;
		o = out_bibutils_open((enum format)f, fp, 0, &cause);
		assert_non_null(o);
		for (i = 0; i < 50; i++)	/* buffers reach their size */
			assert_int_equal(out_bibutils_write(o, &e, 1), 0);
		before = heap_in_use();
		for (i = 0; i < 2000; i++)
			assert_int_equal(out_bibutils_write(o, &e, 1), 0);
		print_message("# format %s: %ld bytes more\n",
		    format_name((enum format)f), heap_in_use() - before);
		assert_true(heap_in_use() - before < 64 * 1024);
		assert_int_equal(out_bibutils_close(o), 0);
	}
	fclose(fp);
	entry_free(e);
}

static void
test_out_bibutils_formats_available_and_streaming(void **state)
{
	(void)state;
	assert_true(out_bibutils_available(FORMAT_BIBTEX));
	assert_true(out_bibutils_available(FORMAT_MODS));
	assert_true(out_bibutils_available(FORMAT_NBIB));
	assert_false(out_bibutils_available(FORMAT_ENDNOTE_XML));
	assert_false(out_bibutils_available(FORMAT_CSL_JSON));
	assert_true(out_bibutils_streams(FORMAT_BIBTEX));
	assert_true(out_bibutils_streams(FORMAT_BIBLATEX));
	assert_true(out_bibutils_streams(FORMAT_RIS));
	assert_true(out_bibutils_streams(FORMAT_ENDNOTE));
	assert_true(out_bibutils_streams(FORMAT_ISI));
	assert_true(out_bibutils_streams(FORMAT_ADS));
	assert_true(out_bibutils_streams(FORMAT_NBIB));
	assert_false(out_bibutils_streams(FORMAT_MODS));
	assert_false(out_bibutils_streams(FORMAT_WORD2007));
}

static void
test_write_format_names_and_extensions(void **state)
{
	int f;

	(void)state;
	for (f = 0; f < FORMAT__COUNT; f++)
		assert_int_equal(format_from_name(format_name((enum format)f)),
		    f);
	assert_int_equal(format_from_name("json"), FORMAT_CSL_JSON);
	assert_int_equal(format_from_name("bibtx"), FORMAT__COUNT);
	assert_int_equal(format_from_path("out/refs.bib"), FORMAT_BIBTEX);
	assert_int_equal(format_from_path("REFS.RIS"), FORMAT_RIS);
	assert_int_equal(format_from_path("a.json"), FORMAT_CSL_JSON);
	assert_int_equal(format_from_path("a.xml"), FORMAT_MODS);
	assert_int_equal(format_from_path("a.enw"), FORMAT_ENDNOTE);
	assert_int_equal(format_from_path("a.end"), FORMAT_ENDNOTE);
	assert_int_equal(format_from_path("a.nbib"), FORMAT_NBIB);
	assert_int_equal(format_from_path("a.isi"), FORMAT_ISI);
	assert_int_equal(format_from_path("a.txt"), FORMAT__COUNT);
	assert_int_equal(format_from_path("dir.bib/refs"), FORMAT__COUNT);
	assert_false(format_available(FORMAT_ENDNOTE_XML));
	assert_true(format_available(FORMAT_CSL_JSON));
	assert_true(format_available(FORMAT_WORD2007));
}

static void
test_write_writer_reports_output_errors(void **state)
{
	struct write_opts wo = { 0 };
	struct entry *e = b_article();
	struct writer *w;
	char *cause = NULL;
	FILE *fp;
	int f;

	(void)state;
	assert_null(writer_open(FORMAT_ENDNOTE_XML, stdout, &wo, &cause));
	assert_non_null(cause);
	free(cause);
	if ((fp = fopen("/dev/full", "w")) == NULL)
		skip();
	/* A buffered stream fails at the latest when it is flushed. */
	for (f = 0; f < FORMAT__COUNT; f++) {
		if (!format_available((enum format)f))
			continue;
		clearerr(fp);
		w = writer_open((enum format)f, fp, &wo, &cause);
		assert_non_null(w);
		if (writer_write(w, &e, 1) == 0)
			assert_int_equal(writer_close(w), -1);
		else
			(void)writer_close(w);
	}
	fclose(fp);
	entry_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_out_bibutils_each_type_in_bibtex_biblatex_ris),
		cmocka_unit_test(test_out_bibutils_full_paper_in_bibtex),
		cmocka_unit_test(test_out_bibutils_full_paper_in_biblatex),
		cmocka_unit_test(test_out_bibutils_full_paper_in_ris),
		cmocka_unit_test(
		    test_out_bibutils_bibtex_names_particle_suffix_etal),
		cmocka_unit_test(
		    test_out_bibutils_ris_names_suffix_last_no_others),
		cmocka_unit_test(test_out_bibutils_mods_names_in_parts),
		cmocka_unit_test(
		    test_out_bibutils_bibtex_escapes_reach_the_file_intact),
		cmocka_unit_test(
		    test_out_bibutils_invalid_utf8_converted_as_libbibutils_does),
		cmocka_unit_test(
		    test_out_bibutils_latex_maps_diacritics_in_tex_only),
		cmocka_unit_test(
		    test_out_bibutils_patent_application_in_three_formats),
		cmocka_unit_test(
		    test_out_bibutils_bibtex_incomplete_entries_become_misc),
		cmocka_unit_test(
		    test_out_bibutils_biblatex_invalid_fields_to_addendum),
		cmocka_unit_test(test_out_bibutils_endnote_conference_paper),
		cmocka_unit_test(
		    test_out_bibutils_silent_for_every_type_and_format),
		cmocka_unit_test(
		    test_out_bibutils_batches_write_what_one_call_writes),
		cmocka_unit_test(test_out_bibutils_each_record_as_if_alone),
		cmocka_unit_test(test_out_bibutils_values_built_from_parts),
		cmocka_unit_test(test_out_bibutils_write_error_is_reported),
		cmocka_unit_test(
		    test_out_bibutils_memory_flat_over_many_writes),
		cmocka_unit_test(
		    test_out_bibutils_formats_available_and_streaming),
		cmocka_unit_test(test_write_format_names_and_extensions),
		cmocka_unit_test(test_write_writer_reports_output_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
