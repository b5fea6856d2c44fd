/*
 * test_fields.c -- one entry's text into fields, in the styles CVs use.
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

#include "diag.h"
#include "entry.h"
#include "fields.h"
#include "norm.h"
#include "split.h"
#include "utf8.h"
#include "pieces_fixture.h"
#include "rules_fixture.h"

static char		 diag_text[8192];
static FILE		*diag_fp;

/* Parse text as an entry of a section of type t, normalised. */
static struct entry *
parse(const char *text, enum entry_type t)
{
	struct fields_ctx ctx = { rules, "cv.txt", t, NULL };
	struct rawentry raw = { text, NULL, 7, 7 };
	struct entry *e;

	memset(diag_text, 0, sizeof(diag_text));
	diag_fp = fmemopen(diag_text, sizeof(diag_text) - 1, "w");
	diag_set_output(diag_fp);
	e = fields_parse(&ctx, &raw);
	norm_entry(rules, e);
	fclose(diag_fp);
	diag_set_output(NULL);
	return e;
}

static void
assert_field(const struct entry *e, enum field f, const char *want)
{
	if (want == NULL)
		assert_null(e->f[f]);
	else {
		assert_non_null(e->f[f]);
		assert_string_equal(e->f[f], want);
	}
}

static void
test_fields_sample_cv_conference_with_award_and_rate(void **state)
{
	struct entry *e = parse("Hamid Ghasemirahni, Tom Barbette, Gerald Q. "
	    "Maguire Jr., Dejan Kostić. Packet Order Matters! Improving "
	    "Application Performance by Deliberately Delaying Packets In 19th "
	    "USENIX Symposium on Networked Systems Design and Implementation "
	    "(NSDI). 2022. Acceptance rate (Spring): 28/104 ≈ 26.9% . "
	    "[Community Award Winner! Download", TYPE_CONFERENCE);

	(void)state;
	assert_int_equal(e->type, TYPE_CONFERENCE);
	assert_int_equal(e->authors.n, 4);
	assert_string_equal(e->authors.v[2].family, "Maguire");
	assert_string_equal(e->authors.v[2].given, "Gerald Q.");
	assert_string_equal(e->authors.v[2].suffix, "Jr.");
	assert_field(e, FIELD_TITLE, "Packet Order Matters! Improving "
	    "Application Performance by Deliberately Delaying Packets");
	assert_field(e, FIELD_CONTAINER, "USENIX Symposium on Networked "
	    "Systems Design and Implementation");
	assert_field(e, FIELD_CONTAINER_SHORT, "NSDI");
	assert_field(e, FIELD_YEAR, "2022");
	assert_field(e, FIELD_NOTE, "Acceptance rate (Spring): 28/104 ≈ "
	    "26.9%; Community Award Winner!");
	assert_string_equal(diag_text, "");
	entry_free(e);
}

/* A warning quotes the entry's first 60 bytes and never half a character. */
static void
test_fields_warning_excerpt_cuts_between_characters(void **state)
{
	/* 59 bytes, then "é" across bytes 59 and 60. */
	struct entry *e = parse("Jane Doe. Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\xc3\xa9tude of things without a year", TYPE_ARTICLE);
	const char *q;

	(void)state;
	q = strstr(diag_text, "\"Jane Doe.");
	assert_non_null(q);
	assert_int_equal(utf8_valid_prefix(diag_text, strlen(diag_text)),
	    strlen(diag_text));
	/* The "é" does not fit whole: the excerpt ends before it. */
	assert_non_null(strstr(q, "aaaa\xe2\x80\xa6\""));
	entry_free(e);
}

static void
test_fields_sample_cv_title_ending_in_question_mark(void **state)
{
	struct entry *e = parse("Changjie Wang, Marco Chiesa. NetConfEval: Can "
	    "LLMs Facilitate Network Configuration?, The 20th International "
	    "Conference on emerging Networking EXperiments and Technologies "
	    "(CoNEXT). 2024. [IRTF/IETF ANRP Winner!]", TYPE_CONFERENCE);

	(void)state;
	assert_field(e, FIELD_TITLE, "NetConfEval: Can LLMs Facilitate Network "
	    "Configuration?");
	assert_field(e, FIELD_CONTAINER, "International Conference on emerging "
	    "Networking EXperiments and Technologies");
	assert_field(e, FIELD_CONTAINER_SHORT, "CoNEXT");
	assert_field(e, FIELD_NOTE, "IRTF/IETF ANRP Winner!");
	entry_free(e);
}

static void
test_fields_sample_cv_patent(void **state)
{
	struct entry *e = parse("Amir Roozbeh, Alireza Farshin, Marco Chiesa. "
	    "Network Entity and Method Performed Therein for Handling one or "
	    "more Packets in a Computer Environment (Other name: System and "
	    "Methods for Programmatically Storing Packet Payloads). US "
	    "Provisional Patent Application 63/511,198. Filed in June 2023.",
	    TYPE_PATENT);

	(void)state;
	assert_int_equal(e->type, TYPE_PATENT);
	assert_int_equal(e->authors.n, 3);
	assert_field(e, FIELD_TITLE, "Network Entity and Method Performed "
	    "Therein for Handling one or more Packets in a Computer "
	    "Environment");
	assert_field(e, FIELD_NUMBER, "63/511,198");
	assert_field(e, FIELD_GENRE, "US Provisional Patent Application");
	assert_field(e, FIELD_AUTHORITY, "US");
	assert_field(e, FIELD_YEAR, "2023");
	assert_field(e, FIELD_MONTH, "6");
	assert_field(e, FIELD_NOTE, "Other name: System and Methods for "
	    "Programmatically Storing Packet Payloads");
	entry_free(e);
}

static void
test_fields_mixed_section_entry_words_decide(void **state)
{
	struct entry *e;

	(void)state;
	e = parse("Hamid Ghasemirahni, Marco Chiesa. Just-in-Time Packet State "
	    "Prefetching, ArXiv Preprint. 2024. Download", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_PREPRINT);
	assert_field(e, FIELD_TITLE, "Just-in-Time Packet State Prefetching");
	assert_field(e, FIELD_CONTAINER, "arXiv");
	entry_free(e);
	e = parse("Alireza Farshin, Dejan Kostić. Scheduling A Secret Sauce For "
	    "Resource Disaggregation, Technical Report. 2021.", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_REPORT);
	assert_field(e, FIELD_TITLE, "Scheduling A Secret Sauce For Resource "
	    "Disaggregation");
	entry_free(e);
	e = parse("Laura Puccioni, Dejan Kostić. Deriving Sub-Models from LLMs "
	    "In The Second International Workshop on Large Language Models "
	    "for Code (LLM4Code). 2025.", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_WORKSHOP);
	assert_field(e, FIELD_CONTAINER, "International Workshop on Large "
	    "Language Models for Code");
	entry_free(e);
}

static void
test_fields_type_from_venue_words(void **state)
{
	static const struct {
		const char	*text;
		enum entry_type	 type;
		const char	*container;
	} cases[] = {
		/* A meeting, though "Science" names journals too. */
		{ "A. Roe, B. Lee. Fortran interfaces. In: Proceedings of the "
		    "Second International Conference on Computational Science, "
		    "pp. 112-119, 2012.", TYPE_CONFERENCE, "International "
		    "Conference on Computational Science" },
		/* A journal called Proceedings. */
		{ "Roe A, Lee B. Gene drives. Proc Natl Acad Sci U S A. "
		    "2021;118(9):e2016239118.", TYPE_ARTICLE,
		    "Proc Natl Acad Sci U S A" },
		/* "In" and a title: a book; "in" and an acronym: a meeting. */
		{ "A. Roe, B. Lee. Parallel codes. In: Advanced Computing, pp. "
		    "119-136, Springer Berlin Heidelberg, (2013).", TYPE_CHAPTER,
		    "Advanced Computing" },
		{ "A. Roe and B. Lee, \"Fast kernels,\" in IEEE ICDCS, 2020.",
		    TYPE_CONFERENCE, "IEEE ICDCS" },
		/* A year in the venue after "In": a meeting. */
		{ "A. Roe, B. Lee. Eigenvalues in parallel. In: Euro-Par "
		    "2010-Parallel Processing, pp. 113-124, (2010).",
		    TYPE_CONFERENCE, "Euro-Par 2010-Parallel Processing" },
		/* A venue with a publisher and no volume: a book. */
		{ "A. Roe and B. Lee. Workflow modeling. Advances in Multimedia "
		    "and Databases, pp. 26-34, World Scientific, Apr. 2000.",
		    TYPE_CHAPTER, "Advances in Multimedia and Databases" },
		/* An arXiv id beside a journal's numbers: published. */
		{ "Witten E, Seiberg N. String theory. JHEP. 1999;9909:032. "
		    "arXiv:hep-th/9908142", TYPE_ARTICLE, "JHEP" },
		/* A preprint server, in lower case. */
		{ "Smith J, Lee K. A preprint on cells. bioRxiv. 2020. "
		    "doi:10.1101/2020.01.01.123456", TYPE_PREPRINT, "bioRxiv" },
		/* GB/T 7714 (China) marks the type after the title. */
		{ "Zhang S, Li S. Deep learning research[J]. Journal of "
		    "Computers, 2020, 43(5): 100-110.", TYPE_ARTICLE,
		    "Journal of Computers" },
		{ "Zhang S, Li S. Deep learning at scale[C]//Proceedings of the "
		    "Big Meeting. 2019: 1-8.", TYPE_CONFERENCE,
		    "Big Meeting" },
		{ "Zhang S. Title of the book[M]. Beijing: Science Press, 2015.",
		    TYPE_BOOK, NULL },
		/* ABNT events (Brazil). */
		{ "SILVA, J. A. Outro titulo. In: CONGRESSO BRASILEIRO DE "
		    "COISAS, 10., 2019, Sao Paulo. Anais... Sao Paulo: SBC, 2019. "
		    "p. 1-10.", TYPE_CONFERENCE, "CONGRESSO BRASILEIRO DE COISAS" },
		/* An imprint and nothing it is in: a book (Harvard, Vancouver). */
		{ "Putnam, R.D. (2000) Bowling Alone: The Collapse and Revival "
		    "of American Community. New York: Simon & Schuster.",
		    TYPE_BOOK, NULL },
		{ "Sackett DL, Haynes RB. Evidence-based medicine: how to "
		    "practice and teach EBM. 2nd ed. Edinburgh: Churchill "
		    "Livingstone; 2000.", TYPE_BOOK, NULL },
		/* Submitted, no venue named: a paper for a journal. */
		{ "Roe, A., & Lee, B. (2021). Gene drives. Submitted.",
		    TYPE_ARTICLE, NULL },
	};
	size_t i;
	struct fields_ctx ctx = { rules, "cv.txt", TYPE_UNKNOWN, NULL };
	struct rawentry raw = { "A. Smith, \"On others,\" Some Meeting, 2019.",
	    "C2", 7, 7 };
	struct entry *e;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e = parse(cases[i].text, TYPE_UNKNOWN);
		assert_int_equal(e->type, cases[i].type);
		assert_field(e, FIELD_CONTAINER, cases[i].container);
		entry_free(e);
	}
	/* The CV's own label says: "[C2]" is a conference paper. */
	e = fields_parse(&ctx, &raw);
	assert_int_equal(e->type, TYPE_CONFERENCE);
	entry_free(e);
}

static void
test_fields_physics_and_vancouver_forms(void **state)
{
	struct entry *e;

	(void)state;
	/* A bold title first; the arXiv id of a published paper. */
	e = parse("\001A NEW METHOD FOR EVERYTHING.\002 J. Doe, R. Roe. "
	    "Physical Review Letters 118, 123456 (2017). arXiv:hep-th/9908142",
	    TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_ARTICLE);
	assert_field(e, FIELD_TITLE, "A NEW METHOD FOR EVERYTHING");
	assert_int_equal(e->authors.n, 2);
	assert_field(e, FIELD_CONTAINER, "Physical Review Letters");
	assert_field(e, FIELD_ARXIV, "hep-th/9908142");
	entry_free(e);
	/* A bold name of four words that starts the authors is a name. */
	e = parse("\001Gerald Q. de la Cruz\002, Maria \303\230stergaard. "
	    "Scalable learning for packet processing. In The 16th USENIX "
	    "Annual Technical Conference (ATC). 2024.", TYPE_CONFERENCE);
	assert_int_equal(e->authors.n, 2);
	assert_string_equal(e->authors.v[0].family, "Cruz");
	assert_string_equal(e->authors.v[0].particle, "de la");
	assert_field(e, FIELD_TITLE, "Scalable learning for packet processing");
	entry_free(e);
	/* The year between title and an abbreviated journal. */
	e = parse("Doe J, Roe R. A new method (2016). Phys Rev Lett. "
	    "116:234501. doi.org/10.1103/PhysRevLett.116.234501", TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "A new method");
	assert_field(e, FIELD_CONTAINER, "Phys Rev Lett");
	assert_field(e, FIELD_VOLUME, "116");
	assert_field(e, FIELD_PAGES, "234501");
	assert_field(e, FIELD_DOI, "10.1103/PhysRevLett.116.234501");
	entry_free(e);
}

static void
test_fields_numbers_in_more_styles(void **state)
{
	static const struct {
		const char	*text;
		const char	*volume, *issue, *pages;
	} cases[] = {
		/* Chicago without an issue. */
		{ "Smith, John. \"A Title.\" Journal of Things 12 (2020): "
		    "45-67.", "12", NULL, "45-67" },
		/* ACM keeps its issue. */
		{ "Jeffrey Dean. 2008. MapReduce. Commun. ACM 51, 1 (January "
		    "2008), 107-113.", "51", "1", "107-113" },
		/* German and Turkish words. */
		{ "K. M\xc3\xbcller, \xe2\x80\x9e" "Ein Titel\xe2\x80\x9c, "
		    "Zeitschrift, Bd. 12, H. 3, S. 45-67, 2019.", "12", "3",
		    "45-67" },
		{ "A. Yilmaz, \"Baslik,\" Panaroma Dergisi, Say\xc4\xb1 24, "
		    "Sayfa 8, 2019.", NULL, "24", "8" },
		/* Economics: volume, issue, month, year, pages. */
		{ "Ferrall, C. Title. Journal of Statistics 15, 2, April, 1997, "
		    "115-129.", "15", "2", "115-129" },
		/* Nature, eLife: "V:P", "V, P (Year)". */
		{ "Delmont, T. O. (2016). Title. PeerJ, 4:e1839.", "4", NULL,
		    "e1839" },
		{ "F. Randi. \"Title.\" Physical Review Letters 12, 118102, "
		    "19 March (2021).", "12", NULL, "118102" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct entry *e = parse(cases[i].text, TYPE_ARTICLE);

		assert_field(e, FIELD_VOLUME, cases[i].volume);
		assert_field(e, FIELD_ISSUE, cases[i].issue);
		assert_field(e, FIELD_PAGES, cases[i].pages);
		entry_free(e);
	}
}

static void
test_fields_linked_title(void **state)
{
	/* "[Title](url), Venue": the link's text is the title. */
	struct entry *e = parse("Ikeda H, Kunishima T. \007Building virtual "
	    "spaces from panoramas\005http://ci.nii.ac.jp/naid/1\006, "
	    "\xe6\x97\xa5\xe6\x9c\xac Letters Vol.5, No.1, pp.97-100, 2006.",
	    TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "Building virtual spaces from panoramas");
	assert_field(e, FIELD_CONTAINER, "\xe6\x97\xa5\xe6\x9c\xac Letters");
	assert_field(e, FIELD_VOLUME, "5");
	assert_field(e, FIELD_ISSUE, "1");
	entry_free(e);
	/* A title in Japanese quotes, after a role written without a blank. */
	e = parse("\xe5\x9c\x8b\xe5\xb3\xb6\xe4\xb8\x88\xe7\x94\x9f, "
	    "\xe3\x83\x81\xe3\x83\xa5\xe3\x83\xbc\xe3\x83\x88\xe3\x83\xaa"
	    "\xe3\x82\xa2\xe3\x83\xab\xe3\x80\x8cXML\xe5\x85\xa5\xe9\x96\x80"
	    "\xe3\x80\x8d, SIG WI2, 2008.", TYPE_TALK);
	assert_field(e, FIELD_TITLE, "XML\xe5\x85\xa5\xe9\x96\x80");
	assert_field(e, FIELD_YEAR, "2008");
	entry_free(e);
}

static void
test_fields_ieee_style(void **state)
{
	struct entry *e = parse("A. B. Smith, C. de la Cruz, and D. Jones, "
	    "“Learning to rank at scale,” in Proc. of the 30th ACM Conference "
	    "on Information and Knowledge Management (CIKM), 2021, pp. 12–20, "
	    "doi: 10.1145/3459637.3482000.", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->type, TYPE_CONFERENCE);
	assert_int_equal(e->authors.n, 3);
	assert_string_equal(e->authors.v[1].particle, "de la");
	assert_string_equal(e->authors.v[1].family, "Cruz");
	assert_field(e, FIELD_TITLE, "Learning to rank at scale");
	assert_field(e, FIELD_CONTAINER, "ACM Conference on Information and "
	    "Knowledge Management");
	assert_field(e, FIELD_CONTAINER_SHORT, "CIKM");
	assert_field(e, FIELD_YEAR, "2021");
	assert_field(e, FIELD_PAGES, "12-20");
	assert_field(e, FIELD_DOI, "10.1145/3459637.3482000");
	entry_free(e);
}

static void
test_fields_apa_style(void **state)
{
	struct entry *e = parse("Smith, J. A., & García-Márquez, G. (2020). "
	    "Deep learning for cells. Journal of Cell Science, 12(3), 45–67. "
	    "https://doi.org/10.1242/jcs.123456", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->type, TYPE_ARTICLE);
	assert_int_equal(e->authors.n, 2);
	assert_string_equal(e->authors.v[1].family, "García-Márquez");
	assert_field(e, FIELD_YEAR, "2020");
	assert_field(e, FIELD_TITLE, "Deep learning for cells");
	assert_field(e, FIELD_CONTAINER, "Journal of Cell Science");
	assert_field(e, FIELD_VOLUME, "12");
	assert_field(e, FIELD_ISSUE, "3");
	assert_field(e, FIELD_PAGES, "45-67");
	assert_field(e, FIELD_DOI, "10.1242/jcs.123456");
	entry_free(e);
}

static void
test_fields_in_book_after_a_full_stop(void **state)
{
	struct entry *e;

	(void)state;
	/* BibTeX plain: "In A, editor, Book": editors out, "In" ends the title. */
	e = parse("Larry D. Pyeatt and Adele E. Howe. Testing generalization "
	    "in learned simulated robot behaviors. In Henry Hexmoore, editor, "
	    "Workshop on Autonomy Control Software, Seattle, Washington, May "
	    "1999. Third International Conference on Autonomous Agents.",
	    TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "Testing generalization in learned "
	    "simulated robot behaviors");
	assert_int_equal(e->editors.n, 1);
	assert_string_equal(e->editors.v[0].family, "Hexmoore");
	assert_int_equal(e->type, TYPE_WORKSHOP);
	entry_free(e);
	e = parse("D. E. Rumelhart, G. E. Hinton, and R. J. Williams. Learning "
	    "internal representations by error propagation. In D. E. Rumelhart "
	    "and J. L. McClelland, editors, Parallel Distributed Processing, "
	    "volume 1, pages 318-362. MIT Press, 1986.", TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "Learning internal representations by "
	    "error propagation");
	assert_int_equal(e->editors.n, 2);
	assert_int_equal(e->type, TYPE_CHAPTER);
	entry_free(e);
	/* APA: the chair of a symposium, and a talk in it. */
	e = parse("Garc\xc3\xad" "a Alanis, J. C., & Peper, M. (2016, July). "
	    "Effects of extraversion on performance monitoring. In D. "
	    "Hagemeyer (Chair), Genetics and biological foundations. Symposium "
	    "conducted at the 13th Arbeitstagung, Mainz, Germany.",
	    TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "Effects of extraversion on performance "
	    "monitoring");
	assert_int_equal(e->editors.n, 1);
	assert_int_equal(e->type, TYPE_TALK);
	entry_free(e);
	/* A question ends the title before an abbreviated journal. */
	e = parse("Einstein, A., Podolsky, B. & Rosen, N. Can quantum-"
	    "mechanical description of physical reality be considered "
	    "complete? Phys. Rev. 47, 777-780 (1935).", TYPE_ARTICLE);
	assert_field(e, FIELD_TITLE, "Can quantum-mechanical description of "
	    "physical reality be considered complete?");
	assert_field(e, FIELD_CONTAINER, "Phys. Rev.");
	entry_free(e);
	/* "In Review." is a status, no book. */
	e = parse("L. Pyeatt and A. Howe. Evaluating robustness in a robot "
	    "architecture. Journal of Experimental and Theoretical Artificial "
	    "Intelligence, 1999. In Review.", TYPE_ARTICLE);
	assert_field(e, FIELD_TITLE, "Evaluating robustness in a robot "
	    "architecture");
	assert_field(e, FIELD_STATUS, "In Review");
	entry_free(e);
}

static void
test_fields_missing_year_is_reported(void **state)
{
	struct entry *e = parse("Alireza Farshin, Saeed Sharifian. A title "
	    "without a date. Journal of Things.", TYPE_ARTICLE);

	(void)state;
	assert_null(e->f[FIELD_YEAR]);
	assert_non_null(strstr(diag_text, "cv2bib: cv.txt:7: warning: no year"));
	entry_free(e);
}

static void
test_fields_reference_score(void **state)
{
	(void)state;
	assert_true(fields_reference_score(rules, "A. Smith, B. Jones. A title. "
	    "In Proc. of the Conference on X, 2020.") >= 3);
	assert_true(fields_reference_score(rules, "I am a distributed systems "
	    "researcher at NVIDIA.") < 2);
}

static void
test_fields_heldout2_forms(void **state)
{
	/* Chicago: a middle initial before the year is no German "S." page. */
	struct entry *e = parse("Kuhn, Thomas S. 1962. The Structure of "
	    "Scientific Revolutions. Chicago: University of Chicago Press.",
	    TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_PAGES, NULL);
	assert_field(e, FIELD_YEAR, "1962");
	entry_free(e);
	/* APA 7's spaced ellipsis before the last of 20+ authors. */
	e = parse("Jain, R., Adler, J., . . . Hassabis, D. (2021). Highly "
	    "accurate protein structure prediction with AlphaFold. Nature, "
	    "596(7873), 583-589.", TYPE_UNKNOWN);
	assert_int_equal(e->authors.n, 3);
	assert_string_equal(e->authors.v[2].family, "Hassabis");
	assert_field(e, FIELD_TITLE, "Highly accurate protein structure "
	    "prediction with AlphaFold");
	entry_free(e);
	/* German "In:" before a journal with volume and issue. */
	e = parse("Einstein, Albert (1905): Zur Elektrodynamik bewegter "
	    "K\xc3\xb6rper. In: Annalen der Physik 322 (10), S. 891-921.",
	    TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_ARTICLE);
	assert_field(e, FIELD_PAGES, "891-921");
	assert_field(e, FIELD_VOLUME, "322");
	entry_free(e);
}

static void
test_fields_heldout2_venues(void **state)
{
	/* A bold title first whose subtitle has a comma; an award after a
	 * trophy sign. */
	struct entry *e = parse("\001You Only Look Once: Unified, Real-Time "
	    "Object Detection.\002 Joseph Redmon, Santosh Divvala, Ross "
	    "Girshick, Ali Farhadi. \003CVPR\004, 2016, pp. 779-788. "
	    "\xf0\x9f\x8f\x86 Best Paper Award", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "You Only Look Once: Unified, Real-Time "
	    "Object Detection");
	assert_int_equal(e->authors.n, 4);
	assert_field(e, FIELD_CONTAINER, "CVPR");
	assert_field(e, FIELD_NOTE, "Best Paper Award");
	entry_free(e);
	/* LNCS: proceedings named by an acronym, "Publisher, Place (Year)". */
	e = parse("Boneh, D., Franklin, M.: Identity-based encryption from the "
	    "Weil pairing. In: Kilian, J. (ed.) CRYPTO 2001. LNCS, vol. 2139, "
	    "pp. 213-229. Springer, Heidelberg (2001)", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_CONFERENCE);
	assert_field(e, FIELD_PUBLISHER, "Springer");
	assert_field(e, FIELD_VOLUME, "2139");
	entry_free(e);
	e = parse("Sipser, M.: Introduction to the Theory of Computation, 3rd "
	    "edn. Cengage Learning, Boston (2013)", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_BOOK);
	assert_field(e, FIELD_PUBLISHER, "Cengage Learning");
	assert_field(e, FIELD_YEAR, "2013");
	entry_free(e);
	/* Economics: "R&R at" is a status, like "submitted to". */
	e = parse("Goldsmith-Pinkham, Paul, Isaac Sorkin, and Henry Swift. "
	    "\"Bartik Instruments: What, When, Why, and How.\" 2018. R&R at "
	    "American Economic Review.", TYPE_PREPRINT);
	assert_field(e, FIELD_STATUS, "R&R");
	entry_free(e);
}

static void
test_fields_abbreviated_journal_after_title(void **state)
{
	/* Physics: "Title, Phys. Rev. B 50, 17953 (1994)". */
	struct entry *e = parse("P. E. Bl\xc3\xb6" "chl, Projector augmented-wave "
	    "method, Phys. Rev. B 50, 17953 (1994).", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "Projector augmented-wave method");
	assert_field(e, FIELD_CONTAINER, "Phys. Rev. B");
	assert_field(e, FIELD_VOLUME, "50");
	entry_free(e);
	/* ACM: "... system. Commun. ACM 21, 7 (July 1978), 558-565." */
	e = parse("Leslie Lamport. 1978. Time, clocks, and the ordering of "
	    "events in a distributed system. Commun. ACM 21, 7 (July 1978), "
	    "558-565.", TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "Time, clocks, and the ordering of events "
	    "in a distributed system");
	assert_field(e, FIELD_CONTAINER, "Commun. ACM");
	entry_free(e);
	/* A capitalised word ends a sentence before a journal's name. */
	e = parse("A. Roe, Evidence from Sweden. The Economic Journal 129, "
	    "1845 (2019).", TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "Evidence from Sweden");
	entry_free(e);
}

static void
test_fields_year_first(void **state)
{
	/* A table row's first cell, or a list ordered by year. */
	struct entry *e = parse("2014. Love MI, Huber W, Anders S. Moderated "
	    "estimation of fold change. Genome Biol 15(12):550.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_YEAR, "2014");
	assert_int_equal(e->authors.n, 3);
	assert_field(e, FIELD_TITLE, "Moderated estimation of fold change");
	entry_free(e);
}

static void
test_fields_quoted_title_with_subtitle(void **state)
{
	struct entry *e = parse("Marco Tulio Ribeiro, Sameer Singh, and Carlos "
	    "Guestrin. 2016. \"Why Should I Trust You?\": Explaining the "
	    "Predictions of Any Classifier. In Proceedings of the 22nd ACM "
	    "SIGKDD International Conference on Knowledge Discovery and Data "
	    "Mining (KDD '16). 1135-1144.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "\"Why Should I Trust You?\": Explaining "
	    "the Predictions of Any Classifier");
	assert_non_null(e->f[FIELD_CONTAINER]);
	assert_null(strchr(e->f[FIELD_CONTAINER], ':'));
	entry_free(e);
}

static void
test_fields_short_bold_title_first(void **state)
{
	/* Two words in bold, then the full names of the authors. */
	struct entry *e = parse("\001Mask R-CNN.\002 Kaiming He, Georgia "
	    "Gkioxari, Piotr Doll\xc3\xa1r, Ross Girshick. ICCV, 2017, pp. "
	    "2961-2969.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "Mask R-CNN");
	assert_int_equal(e->authors.n, 4);
	assert_string_equal(e->authors.v[0].family, "He");
	entry_free(e);
	/* The owner's name in bold stays an author. */
	e = parse("\001Jane Doe\002, Ross Girshick. A title of the paper. "
	    "ICCV, 2017.", TYPE_UNKNOWN);
	assert_int_equal(e->authors.n, 2);
	assert_field(e, FIELD_TITLE, "A title of the paper");
	entry_free(e);
}

static void
test_fields_bold_title_after_authors(void **state)
{
	/* A bold title after the names ends the list. */
	struct entry *e = parse("D. P. Kingma and J. Ba \001Adam: A method "
	    "for stochastic optimization.\002 \003International Conference "
	    "on Learning Representations (ICLR)\004, 2015.", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->authors.n, 2);
	assert_string_equal(e->authors.v[1].family, "Ba");
	assert_string_equal(e->authors.v[1].given, "J.");
	assert_field(e, FIELD_TITLE, "Adam: A method for stochastic "
	    "optimization");
	entry_free(e);
	e = parse("L. Breiman \001Random forests.\002 \003Machine "
	    "Learning\004 45(1):5-32, 2001.", TYPE_UNKNOWN);
	assert_int_equal(e->authors.n, 1);
	assert_field(e, FIELD_TITLE, "Random forests");
	assert_field(e, FIELD_CONTAINER, "Machine Learning");
	entry_free(e);
	/* A bold owner inside the list is a name, not a title. */
	e = parse("A. Roe, \001J. Doe\002, and B. Poe. A title of the "
	    "paper. \003Nature\004 1:2-3, 2001.", TYPE_UNKNOWN);
	assert_int_equal(e->authors.n, 3);
	assert_field(e, FIELD_TITLE, "A title of the paper");
	entry_free(e);
}

static void
test_fields_database_numbers_are_notes(void **state)
{
	/* PubMed numbers after the DOI, Cell's supplement pages. */
	struct entry *e = parse("Stuart T, Butler A, Hoffman P, et al. "
	    "Comprehensive integration of single-cell data. Cell. "
	    "2019;177(7):1888\xe2\x80\x93" "1902.e21. "
	    "doi:10.1016/j.cell.2019.05.031. PMID: 31178118; PMCID: "
	    "PMC6687398.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_CONTAINER, "Cell");
	assert_field(e, FIELD_YEAR, "2019");
	assert_field(e, FIELD_VOLUME, "177");
	assert_field(e, FIELD_PAGES, "1888-1902.e21");
	assert_field(e, FIELD_NOTE, "PMID: 31178118; PMCID: PMC6687398");
	entry_free(e);
	/* A Mathematical Reviews number (AMS). */
	e = parse("Andrew Wiles, \003Modular elliptic curves and Fermat's "
	    "Last Theorem\004, Ann. of Math. (2) 141 (1995), no. 3, "
	    "443-551. MR1333035", TYPE_ARTICLE);
	assert_field(e, FIELD_CONTAINER, "Ann. of Math. (2)");
	assert_field(e, FIELD_NOTE, "MR1333035");
	entry_free(e);
}

static void
test_fields_spie_proceedings(void **state)
{
	/* Optica style: SPIE's volume (a 4-digit one too) and pages. */
	struct entry *e = parse("E. R. Fossum, \"Active pixel sensors: are "
	    "CCD's dinosaurs?,\" Proc. SPIE 1900, 2\xe2\x80\x93" "14 "
	    "(1993).", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->type, TYPE_CONFERENCE);
	assert_field(e, FIELD_VOLUME, "1900");
	assert_field(e, FIELD_PAGES, "2-14");
	assert_field(e, FIELD_YEAR, "1993");
	assert_non_null(e->f[FIELD_CONTAINER]);
	assert_null(strpbrk(e->f[FIELD_CONTAINER], "0123456789"));
	entry_free(e);
}

static void
test_fields_years_before_1900(void **state)
{
	/* Chicago author-date, a book's imprint, a journal's numbers. */
	struct entry *e = parse("Darwin, Charles. 1859. \003On the Origin of "
	    "Species\004. London: John Murray.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_YEAR, "1859");
	assert_field(e, FIELD_VOLUME, NULL);
	assert_field(e, FIELD_PUBLISHER, "John Murray");
	entry_free(e);
	e = parse("Kant, Immanuel. \003Kritik der reinen Vernunft\004. Riga: "
	    "Hartknoch, 1781.", TYPE_UNKNOWN);
	assert_field(e, FIELD_YEAR, "1781");
	assert_field(e, FIELD_PUBLISHER, "Hartknoch");
	entry_free(e);
	e = parse("Mill, John Stuart. \"On Liberty.\" \003Westminster "
	    "Review\004 12 (1859): 1-40.", TYPE_UNKNOWN);
	assert_field(e, FIELD_YEAR, "1859");
	assert_field(e, FIELD_VOLUME, "12");
	assert_field(e, FIELD_PAGES, "1-40");
	entry_free(e);
	/* Page numbers stay pages: "26, 1484-1509 (1997)". */
	e = parse("Shor, P. W. Polynomial-time algorithms for prime "
	    "factorization. SIAM J. Comput. 26, 1484-1509 (1997).",
	    TYPE_UNKNOWN);
	assert_field(e, FIELD_YEAR, "1997");
	assert_field(e, FIELD_PAGES, "1484-1509");
	entry_free(e);
}

static void
test_fields_acm_publisher_spelled_out(void **state)
{
	struct entry *e = parse("Sanjay Ghemawat, Howard Gobioff, and "
	    "Shun-Tak Leung. 2003. The Google file system. In Proceedings of "
	    "the Nineteenth ACM Symposium on Operating Systems Principles "
	    "(SOSP '03). Association for Computing Machinery, New York, NY, "
	    "USA, 29\xe2\x80\x93" "43.", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->type, TYPE_CONFERENCE);
	assert_field(e, FIELD_CONTAINER, "ACM Symposium on Operating Systems "
	    "Principles");
	assert_field(e, FIELD_CONTAINER_SHORT, "SOSP '03");
	assert_field(e, FIELD_PUBLISHER, "Association for Computing "
	    "Machinery");
	assert_field(e, FIELD_PAGES, "29-43");
	entry_free(e);
}

static void
test_fields_colloquium_starts_a_title(void **state)
{
	/* Rev. Mod. Phys. names a kind of review so. */
	struct entry *e = parse("M. Z. Hasan and C. L. Kane, Colloquium: "
	    "Topological insulators, Rev. Mod. Phys. 82, 3045 (2010).",
	    TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->type, TYPE_ARTICLE);
	assert_field(e, FIELD_TITLE, "Colloquium: Topological insulators");
	assert_field(e, FIELD_GENRE, NULL);
	entry_free(e);
	/* A qualified genre with a colon stays one. */
	e = parse("J. Doe. Invited talk: Learning to rank, Stanford "
	    "University, 2019.", TYPE_UNKNOWN);
	assert_int_equal(e->type, TYPE_TALK);
	entry_free(e);
}

static void
test_fields_numbered_working_paper_is_a_report(void **state)
{
	/* Under "Working Papers" (preprints) a numbered series says report. */
	struct entry *e = parse("Card, David, and Alan B. Krueger. \"Minimum "
	    "Wages and Employment.\" NBER Working Paper No. 4509, 1993.",
	    TYPE_PREPRINT);

	(void)state;
	assert_int_equal(e->type, TYPE_REPORT);
	assert_field(e, FIELD_NUMBER, "4509");
	entry_free(e);
	e = parse("Card, David. \"Minimum Wages.\" 1993.", TYPE_PREPRINT);
	assert_int_equal(e->type, TYPE_PREPRINT);
	entry_free(e);
}

static void
test_fields_edited_by_a_list(void **state)
{
	/* Chicago: four editors; "Working Papers in" is no report series. */
	struct entry *e = parse("Hall, Stuart. 1980. \"Encoding/Decoding.\" "
	    "In \003Culture, Media, Language: Working Papers in Cultural "
	    "Studies, 1972\xe2\x80\x93" "79\004, edited by Stuart Hall, "
	    "Dorothy Hobson, Andrew Lowe, and Paul Willis, 128\xe2\x80\x93"
	    "38. London: Hutchinson.", TYPE_UNKNOWN);

	(void)state;
	assert_int_equal(e->editors.n, 4);
	assert_string_equal(e->editors.v[3].family, "Willis");
	assert_field(e, FIELD_CONTAINER, "Culture, Media, Language: Working "
	    "Papers in Cultural Studies, 1972\xe2\x80\x93" "79");
	assert_field(e, FIELD_GENRE, NULL);
	entry_free(e);
}

static void
test_fields_volume_pages_without_year(void **state)
{
	/* Nature's short form with the year in a column of its own. */
	struct entry *e = parse("Jumper, J., Evans, R., Pritzel, A., et al. "
	    "Highly accurate protein structure prediction with AlphaFold. "
	    "Nature 596, 583\xe2\x80\x93" "589.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_CONTAINER, "Nature");
	assert_field(e, FIELD_VOLUME, "596");
	assert_field(e, FIELD_PAGES, "583-589");
	entry_free(e);
}

static void
test_fields_journal_named_like_a_month(void **state)
{
	/* MLA: the italic journal "October" is no month of the date. */
	struct entry *e = parse("Bhabha, Homi K. \"Of Mimicry and Man.\" "
	    "\003October\004, vol. 28, 1984, pp. 125\xe2\x80\x93" "133.",
	    TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_CONTAINER, "October");
	assert_field(e, FIELD_YEAR, "1984");
	assert_field(e, FIELD_MONTH, NULL);
	entry_free(e);
	/* A month in the text is one. */
	e = parse("Doe, J. \"A Title.\" \003Journal\004, vol. 2, October "
	    "1984, pp. 1\xe2\x80\x93" "9.", TYPE_UNKNOWN);
	assert_field(e, FIELD_CONTAINER, "Journal");
	assert_non_null(e->f[FIELD_MONTH]);
	entry_free(e);
}

static void
test_fields_place_with_small_words(void **state)
{
	/* German: "am" in a place's name, two places before the colon. */
	struct entry *e = parse("Mayntz, Renate/Scharpf, Fritz W. (Hrsg.) "
	    "(1995): Gesellschaftliche Selbstregelung und politische "
	    "Steuerung. Frankfurt am Main/New York: Campus.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_PUBLISHER, "Campus");
	assert_field(e, FIELD_PLACE, "Frankfurt am Main/New York");
	entry_free(e);
	e = parse("Smith, J. (2001) A History. Newcastle upon Tyne: Cambridge "
	    "Scholars.", TYPE_UNKNOWN);
	assert_field(e, FIELD_PUBLISHER, "Cambridge Scholars");
	entry_free(e);
}

static void
test_fields_book_subtitle_after_full_stop(void **state)
{
	/* A book's subtitle after a full stop is no venue. */
	struct entry *e = parse("Luhmann, Niklas (1984): Soziale Systeme. "
	    "Grundri\xc3\x9f einer allgemeinen Theorie. Frankfurt am Main: "
	    "Suhrkamp.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_TITLE, "Soziale Systeme. Grundri\xc3\x9f "
	    "einer allgemeinen Theorie");
	assert_field(e, FIELD_CONTAINER, NULL);
	assert_int_equal(e->type, TYPE_BOOK);
	entry_free(e);
	/* A chapter's book after "In" stays the container. */
	e = parse("Doe, Jane (2001): A Chapter. In: Handbook of Things. "
	    "London: Routledge.", TYPE_UNKNOWN);
	assert_field(e, FIELD_TITLE, "A Chapter");
	entry_free(e);
}

static void
test_fields_german_volume_before_pages(void **state)
{
	/* "Journal 19, S. 22-87": the number after the name is the volume. */
	struct entry *e = parse("Weber, Max (1904): Die Objektivit\xc3\xa4t "
	    "sozialwissenschaftlicher Erkenntnis. In: Archiv f\xc3\xbcr "
	    "Sozialwissenschaft und Sozialpolitik 19, S. 22\xe2\x80\x93" "87.",
	    TYPE_ARTICLE);

	(void)state;
	assert_field(e, FIELD_VOLUME, "19");
	assert_field(e, FIELD_PAGES, "22-87");
	assert_field(e, FIELD_CONTAINER, "Archiv f\xc3\xbcr "
	    "Sozialwissenschaft und Sozialpolitik");
	entry_free(e);
}

static void
test_fields_numeral_before_in(void **state)
{
	/* "Systeme I. In: Journal": the numeral ends the title. */
	struct entry *e = parse("G\xc3\xb6" "del, Kurt (1931): \xc3\x9c" "ber "
	    "formal unentscheidbare S\xc3\xa4tze verwandter Systeme I. In: "
	    "Monatshefte f\xc3\xbcr Mathematik und Physik 38, S. 173"
	    "\xe2\x80\x93" "198.", TYPE_ARTICLE);

	(void)state;
	assert_field(e, FIELD_TITLE, "\xc3\x9c" "ber formal unentscheidbare "
	    "S\xc3\xa4tze verwandter Systeme I");
	assert_field(e, FIELD_CONTAINER, "Monatshefte f\xc3\xbcr Mathematik "
	    "und Physik");
	entry_free(e);
}

static void
test_fields_apa_article_number(void **state)
{
	/* APA 7: "Article e124" is the article's number, no venue. */
	struct entry *e = parse("Ioannidis, J. P. A. (2005). Why most "
	    "published research findings are false. PLoS Medicine, 2(8), "
	    "Article e124.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_CONTAINER, "PLoS Medicine");
	assert_field(e, FIELD_PAGES, "e124");
	assert_field(e, FIELD_VOLUME, "2");
	entry_free(e);
}

static void
test_fields_publisher_place_state_year(void **state)
{
	/* BibTeX plain: "Publisher, Place, ST, year." is a book's imprint. */
	struct entry *e = parse("Donald E. Knuth. The TeXbook. Addison-Wesley, "
	    "Reading, MA, 1984.", TYPE_UNKNOWN);

	(void)state;
	assert_field(e, FIELD_PUBLISHER, "Addison-Wesley");
	assert_field(e, FIELD_PLACE, "Reading, MA");
	assert_field(e, FIELD_CONTAINER, NULL);
	assert_int_equal(e->type, TYPE_BOOK);
	entry_free(e);
	/* A meeting with its place is no imprint. */
	e = parse("J. Doe. A title. Symposium on Things, Austin, TX, 2020.",
	    TYPE_UNKNOWN);
	assert_field(e, FIELD_PUBLISHER, NULL);
	entry_free(e);
}

static const unsigned char model_special[256] = {
	['\0'] = 1, [' '] = 1, ['.'] = 1, [','] = 1, [';'] = 1, [':'] = 1,
	[')'] = 1, [']'] = 1,
};

/*
 * fields_tidy() as it was first written, copying every byte: the model for
 * the one that only looks until it has something to change.
 */
static void
model_tidy(char *s)
{
	char *r = s, *w = s;

	while (*r == ' ' || *r == ',' || *r == ';' || *r == '.')
		r++;
	for (;; r++) {
		while (!model_special[(unsigned char)*r])
			*w++ = *r++;
		if (*r == '\0')
			break;
		if (*r == ' ') {	/* one blank, and none first */
			if (w > s && w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		if (r[0] == '.' && r[1] == '.' && r[2] == '.') {
			/* An ellipsis stays: "Cho, G., ... Yu, Z." (APA). */
			memmove(w, r, 3);
			w += 3;
			r += 2;
			continue;
		}
		if ((*r == '.' || *r == ',' || *r == ';' || *r == ':') &&
		    w > s && w[-1] == ' ') {
			w--;		/* "word ." -> "word." */
			if (*r == ',' && w > s && w[-1] == '.') {
				*w++ = ' ';	/* ". ," -> ". " */
				continue;
			}
		}
		if (*r == '.' && w > s && (w[-1] == '.' || w[-1] == ',') &&
		    !(w - s >= 2 && w[-2] == '.'))
			w--;		/* ". ." and ", ." -> "." */
		if (*r == ',' && w > s && w[-1] == ',')
			continue;	/* ",," */
		if (*r == ')' || *r == ']') {
			/* "()", "[, ]" left by cuts and dropped link words */
			char *o = w;

			while (o > s && strchr(" ,;|", o[-1]) != NULL)
				o--;
			if (o > s && o[-1] == (*r == ')' ? '(' : '[')) {
				w = o - 1;
				continue;
			}
		}
		*w++ = *r;
	}
	while (w > s && strchr(" ,;", w[-1]) != NULL)
		w--;
	*w = '\0';
}

static void
check_tidy(const char *s)
{
	char got[256], want[256];

	snprintf(got, sizeof(got), "%s", s);
	snprintf(want, sizeof(want), "%s", s);
	fields_tidy(got);
	model_tidy(want);
	if (strcmp(got, want) != 0)
		print_error("input \"%s\"\n", s);
	assert_string_equal(got, want);
}

/* Pieces of the strings for the tidy tests: what cuts leave. */
static const char *const tidy_pieces[] = {
	" ", "  ", ".", ",", ";", ":", "...", "..", ". ,", ", .", ",,", "(",
	")", "[", "]", "( )", "[, ]", "|", "word", "\xc3\xa9", "2020",
};
#define NTIDY (sizeof(tidy_pieces) / sizeof(tidy_pieces[0]))

static void
test_fields_tidy_literal(void **state)
{
	char s[64];

	(void)state;
	snprintf(s, sizeof(s), "%s", ", Title , pp. . Springer ()  ,");
	fields_tidy(s);
	assert_string_equal(s, "Title, pp. Springer");
	snprintf(s, sizeof(s), "%s", "Cho, G., ... Yu, Z.  [, ] x ,, y");
	fields_tidy(s);
	assert_string_equal(s, "Cho, G., ... Yu, Z. x, y");
	check_tidy("A. Smith, B. Lee. Title: a study ( 2020 ). J. X , 3 .");
}

static void
check_tidy_piece(const char *s, size_t q, void *arg)
{
	(void)q;
	(void)arg;
	check_tidy(s);
}

/* One or two pieces at every place of a plain text. */
static void
test_fields_tidy_every_position(void **state)
{
	static const char base[] = "Ab cd, ef. gh";
	size_t len;

	(void)state;
	for (len = 0; len < sizeof(base); len++)
		pieces_each(base, len, tidy_pieces, NTIDY, check_tidy_piece,
		    NULL);
}

/* Strings of pieces drawn at random (the same each run). */
static void
test_fields_tidy_random(void **state)
{
	char s[256];
	unsigned long r = 54321;
	size_t n, k, len;
	int i;

	(void)state;
	for (i = 0; i < 50000; i++) {
		r = r * 1103515245 + 12345;
		n = (r >> 16) % 20;
		for (len = 0, k = 0; k < n; k++) {
			const char *pc;

			r = r * 1103515245 + 12345;
			pc = tidy_pieces[(r >> 16) % NTIDY];
			memcpy(s + len, pc, strlen(pc));
			len += strlen(pc);
		}
		s[len] = '\0';
		check_tidy(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_fields_sample_cv_conference_with_award_and_rate),
		cmocka_unit_test(
		    test_fields_sample_cv_title_ending_in_question_mark),
		cmocka_unit_test(test_fields_sample_cv_patent),
		cmocka_unit_test(test_fields_mixed_section_entry_words_decide),
		cmocka_unit_test(test_fields_type_from_venue_words),
		cmocka_unit_test(test_fields_physics_and_vancouver_forms),
		cmocka_unit_test(test_fields_numbers_in_more_styles),
		cmocka_unit_test(test_fields_linked_title),
		cmocka_unit_test(test_fields_ieee_style),
		cmocka_unit_test(test_fields_apa_style),
		cmocka_unit_test(test_fields_in_book_after_a_full_stop),
		cmocka_unit_test(test_fields_missing_year_is_reported),
		cmocka_unit_test(test_fields_reference_score),
		cmocka_unit_test(test_fields_heldout2_forms),
		cmocka_unit_test(test_fields_heldout2_venues),
		cmocka_unit_test(test_fields_abbreviated_journal_after_title),
		cmocka_unit_test(test_fields_year_first),
		cmocka_unit_test(test_fields_quoted_title_with_subtitle),
		cmocka_unit_test(test_fields_short_bold_title_first),
		cmocka_unit_test(test_fields_bold_title_after_authors),
		cmocka_unit_test(test_fields_database_numbers_are_notes),
		cmocka_unit_test(test_fields_spie_proceedings),
		cmocka_unit_test(test_fields_years_before_1900),
		cmocka_unit_test(test_fields_acm_publisher_spelled_out),
		cmocka_unit_test(test_fields_colloquium_starts_a_title),
		cmocka_unit_test(test_fields_numbered_working_paper_is_a_report),
		cmocka_unit_test(test_fields_edited_by_a_list),
		cmocka_unit_test(test_fields_volume_pages_without_year),
		cmocka_unit_test(test_fields_journal_named_like_a_month),
		cmocka_unit_test(test_fields_place_with_small_words),
		cmocka_unit_test(test_fields_book_subtitle_after_full_stop),
		cmocka_unit_test(test_fields_german_volume_before_pages),
		cmocka_unit_test(test_fields_numeral_before_in),
		cmocka_unit_test(test_fields_apa_article_number),
		cmocka_unit_test(test_fields_tidy_literal),
		cmocka_unit_test(test_fields_tidy_every_position),
		cmocka_unit_test(test_fields_tidy_random),
		cmocka_unit_test(test_fields_publisher_place_state_year),
		cmocka_unit_test(
		    test_fields_warning_excerpt_cuts_between_characters),
	};

	return cmocka_run_group_tests(tests, fixture_setup,
	    fixture_teardown);
}
