/*
 * out_bibutils.c -- BibTeX, BibLaTeX, RIS and the other libbibutils
 * formats (see out_bibutils.h).
 *
 * Each entry becomes a libbibutils record in its internal (MODS-like) tags
 * and bibl_write() does the writing.  Three things libbibutils does not do
 * are done around it:
 *  - LaTeX escaping and brace protection, here, before it sees the text
 *    (its own latexout is slow, and knows nothing of protecting titles);
 *  - names go in as AUTHOR:ASIS, formatted for the output, because its own
 *    name builder writes "Maguire Jr., Gerald" where BibTeX wants
 *    "Maguire, Jr., Gerald";
 *  - fields it has no tag for (howpublished for a patent in BibTeX,
 *    institution for a report) are added by wrapping its assemble hook.
 * bibl_write() rewrites the records it writes, so every batch is built
 * anew and freed after writing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bibutils/bibutils.h>

#include "buf.h"
#include "entry.h"
#include "out_bibutils.h"
#include "tex.h"
#include "xmalloc.h"

/* Private tags the assemble hook turns into output fields. */
#define TAG_HOWPUBLISHED	"CV2BIB:HOWPUBLISHED"
#define TAG_INSTITUTION		"CV2BIB:INSTITUTION"
#define TAG_TYPE		"CV2BIB:TYPE"

typedef int (*assemble_fn)(fields *, fields *, param *, unsigned long);

/*
 * bibl_write() hands the assemble hook a copy of the parameters, so the
 * hook cannot find its writer from them: libbibutils' own assemble
 * function is kept here.  It is the same for every writer of a format,
 * and one process writes one format.
 */
static assemble_fn bu_next_assemble;

struct out_bibutils {
	param		 p;
	enum format	 format;
	FILE		*fp;
	int		 latex;		/* --latex: escape non-ASCII too */
	int		 tex;		/* the format is BibTeX or BibLaTeX */
	int		 streams;
	assemble_fn	 assemble;	/* libbibutils' own */
	bibl		 pending;	/* formats written at close */
	struct buf	 tmp;
};

static const struct {
	enum format	 format;
	int		 mode;
	int		 streams;	/* no header or footer per call */
} bu_formats[] = {
	{ FORMAT_BIBTEX, BIBL_BIBTEXOUT, 1 },
	{ FORMAT_BIBLATEX, BIBL_BIBLATEXOUT, 1 },
	{ FORMAT_RIS, BIBL_RISOUT, 1 },
	{ FORMAT_MODS, BIBL_MODSOUT, 0 },
	{ FORMAT_ENDNOTE, BIBL_ENDNOTEOUT, 1 },
	{ FORMAT_WORD2007, BIBL_WORD2007OUT, 0 },
	{ FORMAT_ADS, BIBL_ADSABSOUT, 1 },
	{ FORMAT_ISI, BIBL_ISIOUT, 1 },
	{ FORMAT_NBIB, BIBL_NBIBOUT, 1 },
};

static int
bu_mode(enum format f, int *streams)
{
	size_t i;

	for (i = 0; i < sizeof(bu_formats) / sizeof(bu_formats[0]); i++)
		if (bu_formats[i].format == f) {
			if (streams != NULL)
				*streams = bu_formats[i].streams;
			return bu_formats[i].mode;
		}
	return -1;
}

int
out_bibutils_available(enum format f)
{
	return bu_mode(f, NULL) != -1;
}

int
out_bibutils_streams(enum format f)
{
	int streams = 0;

	return bu_mode(f, &streams) != -1 && streams;
}

/* libbibutils' assemble step, then the fields it has no tag for. */
static int
bu_assemble(fields *in, fields *out, param *pm, unsigned long refnum)
{
	const char *v;
	int i, rc = bu_next_assemble(in, out, pm, refnum);

	if (rc != BIBL_OK)
		return rc;
	if ((v = fields_findv(in, LEVEL_ANY, FIELDS_CHRP_NOUSE,
	    TAG_HOWPUBLISHED)) != NULL)
		fields_add(out, "howpublished", v, LEVEL_MAIN);
	if ((v = fields_findv(in, LEVEL_ANY, FIELDS_CHRP_NOUSE,
	    TAG_INSTITUTION)) != NULL)
		fields_add(out, "institution", v, LEVEL_MAIN);
	if ((v = fields_findv(in, LEVEL_ANY, FIELDS_CHRP_NOUSE,
	    TAG_TYPE)) != NULL)
		fields_add(out, "type", v, LEVEL_MAIN);
	/* biblatex has no shortbooktitle; booktitleaddon prints beside it. */
	for (i = 0; i < out->n; i++)
		if (strcmp(fields_tag(out, i, FIELDS_CHRP_NOUSE),
		    "shortbooktitle") == 0)
			str_strcpyc(fields_tag(out, i, FIELDS_STRP_NOUSE),
			    "booktitleaddon");
	return BIBL_OK;
}

struct out_bibutils *
out_bibutils_open(enum format f, FILE *fp, int latex, char **cause)
{
	struct out_bibutils *o;
	int mode, streams = 0;

	if ((mode = bu_mode(f, &streams)) == -1) {
		xasprintf(cause, "libbibutils cannot write format %s",
		    format_name(f));
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	if (bibl_initparams(&o->p, BIBL_BIBTEXIN, mode, "cv2bib") !=
	    BIBL_OK) {
		free(o);
		xasprintf(cause, "libbibutils: cannot set up format %s",
		    format_name(f));
		return NULL;
	}
	o->format = f;
	o->fp = fp;
	o->latex = latex;
	o->streams = streams;
	o->tex = (f == FORMAT_BIBTEX || f == FORMAT_BIBLATEX);
	/* Our text is UTF-8 with the LaTeX already done: pass it through. */
	o->p.charsetin = BIBL_CHARSET_UNICODE;
	o->p.utf8in = 1;
	o->p.latexin = 0;
	o->p.charsetout = BIBL_CHARSET_UNICODE;
	o->p.utf8out = 1;
	o->p.utf8bom = 0;
	o->p.latexout = 0;
	o->p.verbose = 0;
	if (o->tex)
		o->p.format_opts = BIBL_FORMAT_BIBOUT_WHITESPACE |
		    BIBL_FORMAT_BIBOUT_BRACKETS;
	o->assemble = o->p.assemblef;
	if (o->assemble != NULL) {
		bu_next_assemble = o->assemble;
		o->p.assemblef = bu_assemble;
	}
	bibl_init(&o->pending);
	return o;
}

/* --- one entry to fields ---------------------------------------------- */

/* Add text as it must appear in the format. */
static void
bu_add_text(struct out_bibutils *o, fields *f, const char *tag,
    const char *v, int level)
{
	char *s;

	if (v == NULL || *v == '\0')
		return;
	if (!o->tex) {
		fields_add_can_dup(f, tag, v, level);
		return;
	}
	s = tex_escape(v, o->latex);
	fields_add_can_dup(f, tag, s, level);
	free(s);
}

/* Add an identifier: never escaped (DOIs and URLs are verbatim). */
static void
bu_add_raw(fields *f, const char *tag, const char *v, int level)
{
	if (v != NULL && *v != '\0')
		fields_add(f, tag, v, level);
}

/* Append a name part, escaped for LaTeX when the format is TeX. */
static void
bu_name_part(struct out_bibutils *o, struct buf *b, const char *s)
{
	char *e;

	if (!o->tex) {
		buf_puts(b, s);
		return;
	}
	e = tex_escape(s, o->latex);
	buf_puts(b, e);
	free(e);
}

/*
 * A name as the format writes it: BibTeX "von Last, Jr., First", RIS and
 * the others "von Last, First, Jr.".
 */
static void
bu_add_name(struct out_bibutils *o, fields *f, const char *tag,
    const struct name *n, int level)
{
	struct buf *b = &o->tmp;

	buf_reset(b);
	if (n->flags & NAME_LITERAL) {
		if (o->tex)
			buf_putc(b, '{');
		bu_name_part(o, b, n->family);
		if (o->tex)
			buf_putc(b, '}');
	} else {
		if (n->particle != NULL) {
			bu_name_part(o, b, n->particle);
			buf_putc(b, ' ');
		}
		bu_name_part(o, b, n->family != NULL ? n->family : "");
		if (o->tex && n->suffix != NULL) {
			buf_puts(b, ", ");
			bu_name_part(o, b, n->suffix);
		}
		if (n->given != NULL) {
			buf_puts(b, ", ");
			bu_name_part(o, b, n->given);
		}
		if (!o->tex && n->suffix != NULL) {
			buf_puts(b, ", ");
			bu_name_part(o, b, n->suffix);
		}
	}
	fields_add_can_dup(f, tag, buf_str(b), level);
}

static void
bu_add_names(struct out_bibutils *o, fields *f, const char *tag,
    const struct namelist *nl, int level)
{
	size_t i;

	for (i = 0; i < nl->n; i++)
		bu_add_name(o, f, tag, &nl->v[i], level);
	if (nl->etal && nl->n > 0)
		fields_add_can_dup(f, tag, "others", level);
}

/* The type tags libbibutils reads to choose @article, TY  - JOUR, ... */
static void
bu_add_type(struct out_bibutils *o, fields *f, const struct entry *e)
{
	const char *genre = NULL;

	fields_add(f, "RESOURCE", "text", LEVEL_MAIN);
	switch (e->type) {
	case TYPE_ARTICLE:
		fields_add(f, "GENRE:BIBUTILS", "journal article", LEVEL_MAIN);
		fields_add(f, "GENRE:MARC", "periodical", LEVEL_HOST);
		fields_add(f, "ISSUANCE", "continuing", LEVEL_HOST);
		break;
	case TYPE_CONFERENCE:
	case TYPE_WORKSHOP:
	case TYPE_ABSTRACT:
	case TYPE_POSTER:
	case TYPE_DEMO:
		fields_add(f, "GENRE:MARC", "conference publication",
		    LEVEL_HOST);
		break;
	case TYPE_REPORT:
		fields_add(f, "GENRE:MARC", "technical report", LEVEL_MAIN);
		break;
	case TYPE_THESIS:
		genre = e->f[FIELD_GENRE] != NULL &&
		    (strstr(e->f[FIELD_GENRE], "aster") != NULL ||
		    strstr(e->f[FIELD_GENRE], "M.") != NULL ||
		    strstr(e->f[FIELD_GENRE], "MSc") != NULL) ?
		    "Masters thesis" : "Ph.D. thesis";
		fields_add(f, "GENRE:MARC", "thesis", LEVEL_MAIN);
		fields_add(f, "GENRE:BIBUTILS", genre, LEVEL_MAIN);
		break;
	case TYPE_BOOK:
	case TYPE_EDITED_BOOK:
		fields_add(f, "GENRE:MARC", "book", LEVEL_MAIN);
		fields_add(f, "ISSUANCE", "monographic", LEVEL_MAIN);
		break;
	case TYPE_CHAPTER:
		fields_add(f, "GENRE:BIBUTILS", "collection", LEVEL_HOST);
		fields_add(f, "ISSUANCE", "monographic", LEVEL_HOST);
		break;
	case TYPE_PATENT:
		if (o->format == FORMAT_BIBTEX) {	/* no @patent */
			fields_add(f, "GENRE:BIBUTILS", "miscellaneous",
			    LEVEL_MAIN);
			break;
		}
		fields_add(f, "INTERNAL_TYPE", "PATENT", LEVEL_MAIN);
		fields_add(f, "GENRE:MARC", "patent", LEVEL_MAIN);
		if (o->format == FORMAT_BIBLATEX)
			bu_add_text(o, f, TAG_TYPE, e->f[FIELD_GENRE],
			    LEVEL_MAIN);
		break;
	case TYPE_PREPRINT:
		/* @misc with eprint in BibTeX; "unpublished" (UNPB) elsewhere. */
		fields_add(f, "GENRE:BIBUTILS", o->tex ? "miscellaneous" :
		    "unpublished", LEVEL_MAIN);
		break;
	default:
		fields_add(f, "GENRE:BIBUTILS", "miscellaneous", LEVEL_MAIN);
		break;
	}
}

/* Pages "12-34" as start and stop; "e1234" as a start only. */
static void
bu_add_pages(fields *f, const char *pages)
{
	const char *dash;
	char *start;

	if (pages == NULL)
		return;
	if ((dash = strchr(pages, '-')) == NULL) {
		fields_add(f, "PAGES:START", pages, LEVEL_MAIN);
		return;
	}
	start = xstrndup(pages, (size_t)(dash - pages));
	fields_add(f, "PAGES:START", start, LEVEL_MAIN);
	fields_add(f, "PAGES:STOP", dash + 1, LEVEL_MAIN);
	free(start);
}

/* Whether the type is a part of a host: a journal, proceedings, a book. */
static int
bu_has_host(enum entry_type t)
{
	switch (t) {
	case TYPE_ARTICLE:
	case TYPE_CONFERENCE:
	case TYPE_WORKSHOP:
	case TYPE_ABSTRACT:
	case TYPE_POSTER:
	case TYPE_DEMO:
	case TYPE_CHAPTER:
		return 1;
	default:
		return 0;
	}
}

/* The container and where the host's parts go, by type. */
static void
bu_add_container(struct out_bibutils *o, fields *f, const struct entry *e)
{
	const char *c = e->f[FIELD_CONTAINER];

	if (bu_has_host(e->type)) {
		bu_add_text(o, f, "TITLE", c, LEVEL_HOST);
		/* BibLaTeX shortjournal/shortbooktitle, RIS J2 or T2. */
		if (o->format != FORMAT_BIBTEX)
			bu_add_text(o, f, "SHORTTITLE",
			    e->f[FIELD_CONTAINER_SHORT], LEVEL_HOST);
		bu_add_names(o, f, "EDITOR:ASIS", &e->editors, LEVEL_HOST);
		return;
	}
	bu_add_names(o, f, "EDITOR:ASIS", &e->editors, LEVEL_MAIN);
	/* A book's series, a thesis's or report's series. */
	if (e->type == TYPE_BOOK || e->type == TYPE_EDITED_BOOK ||
	    e->type == TYPE_THESIS || e->type == TYPE_REPORT)
		bu_add_text(o, f, "TITLE", c, LEVEL_HOST);
}

/* What a BibTeX @misc says of how it was published. */
static void
bu_add_howpublished(struct out_bibutils *o, fields *f, const struct entry *e)
{
	struct buf b = BUF_INIT;

	if (e->type == TYPE_PATENT) {
		buf_printf(&b, "%s%s%s", e->f[FIELD_GENRE] ? e->f[FIELD_GENRE] :
		    "Patent", e->f[FIELD_NUMBER] ? " " : "",
		    e->f[FIELD_NUMBER] ? e->f[FIELD_NUMBER] : "");
	} else if (e->type == TYPE_PREPRINT || e->type == TYPE_TALK ||
	    e->type == TYPE_SOFTWARE || e->type == TYPE_MISC ||
	    e->type == TYPE_UNKNOWN) {
		/* What stands for the venue, in the order it reads. */
		const enum field parts[] = { FIELD_GENRE, FIELD_CONTAINER,
		    FIELD_INSTITUTION };
		size_t i;

		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (e->f[parts[i]] != NULL)
				buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
				    e->f[parts[i]]);
	}
	if (b.len > 0)
		bu_add_text(o, f, TAG_HOWPUBLISHED, b.s, LEVEL_MAIN);
	buf_free(&b);
}

/* The note: the CV's remarks, and the status ("to appear"). */
static void
bu_add_note(struct out_bibutils *o, fields *f, const struct entry *e)
{
	struct buf b = BUF_INIT;

	if (e->f[FIELD_STATUS] != NULL)
		buf_puts(&b, e->f[FIELD_STATUS]);
	if (e->f[FIELD_NOTE] != NULL)
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", e->f[FIELD_NOTE]);
	if (b.len > 0)
		bu_add_text(o, f, "NOTES", b.s, LEVEL_MAIN);
	buf_free(&b);
}

/*
 * The type to write in BibTeX: a type whose required field the CV did not
 * give (a report without institution, a paper without proceedings) is
 * written as @misc, so that the standard styles run without warnings; what
 * was known goes into howpublished.
 */
static enum entry_type
bu_tex_type(const struct entry *e)
{
	enum field need = FIELD__COUNT;

	if (bu_has_host(e->type))
		need = FIELD_CONTAINER;
	switch (e->type) {
	case TYPE_REPORT:
	case TYPE_THESIS:
		need = FIELD_INSTITUTION;
		break;
	case TYPE_BOOK:
	case TYPE_EDITED_BOOK:
		need = FIELD_PUBLISHER;
		break;
	default:
		break;
	}
	return need != FIELD__COUNT && e->f[need] == NULL ? TYPE_MISC :
	    e->type;
}

/* One entry as a libbibutils record (the caller adds it to a bibl). */
static fields *
bu_record(struct out_bibutils *o, const struct entry *in)
{
	fields *f = fields_new();
	struct entry tmp;
	const struct entry *e = in;
	char *title, month[8];

	if (f == NULL) {
		fputs("cv2bib: out of memory\n", stderr);
		exit(2);
	}
	if (o->tex && bu_tex_type(in) != in->type) {
		tmp = *in;	/* a shallow copy: only the type differs */
		tmp.type = TYPE_MISC;
		e = &tmp;
	}
	fields_add(f, "REFNUM", e->key != NULL ? e->key : "", LEVEL_MAIN);
	bu_add_type(o, f, e);
	bu_add_names(o, f, "AUTHOR:ASIS", &e->authors, LEVEL_MAIN);
	if (e->f[FIELD_TITLE] != NULL) {
		title = o->tex ? tex_title(e->f[FIELD_TITLE], o->latex) :
		    xstrdup(e->f[FIELD_TITLE]);
		fields_add(f, "TITLE", title, LEVEL_MAIN);
		free(title);
	}
	bu_add_container(o, f, e);
	bu_add_raw(f, "DATE:YEAR", e->f[FIELD_YEAR], LEVEL_MAIN);
	if (e->f[FIELD_MONTH] != NULL) {	/* libbibutils wants "09" */
		snprintf(month, sizeof(month), "%02d", atoi(e->f[FIELD_MONTH]));
		bu_add_raw(f, "DATE:MONTH", month, LEVEL_MAIN);
	}
	bu_add_raw(f, "DATE:DAY", e->f[FIELD_DAY], LEVEL_MAIN);
	bu_add_text(o, f, "VOLUME", e->f[FIELD_VOLUME], LEVEL_MAIN);
	bu_add_text(o, f, "ISSUE", e->f[FIELD_ISSUE], LEVEL_MAIN);
	bu_add_pages(f, e->f[FIELD_PAGES]);
	bu_add_text(o, f, "EDITION", e->f[FIELD_EDITION], LEVEL_MAIN);
	bu_add_text(o, f, "PUBLISHER", e->f[FIELD_PUBLISHER], LEVEL_MAIN);
	bu_add_text(o, f, "ADDRESS", e->f[FIELD_PLACE] != NULL ?
	    e->f[FIELD_PLACE] : e->f[FIELD_AUTHORITY], LEVEL_MAIN);
	if (e->type == TYPE_THESIS)
		bu_add_text(o, f, "DEGREEGRANTOR:ASIS", e->f[FIELD_INSTITUTION],
		    LEVEL_MAIN);
	else if (o->tex && e->type == TYPE_REPORT)
		bu_add_text(o, f, TAG_INSTITUTION, e->f[FIELD_INSTITUTION],
		    LEVEL_MAIN);
	else if (o->tex)
		;	/* in howpublished */
	else
		bu_add_text(o, f, "PUBLISHER", e->f[FIELD_INSTITUTION],
		    LEVEL_MAIN);
	if (e->type != TYPE_PATENT || o->format != FORMAT_BIBTEX)
		bu_add_text(o, f, "NUMBER", e->f[FIELD_NUMBER], LEVEL_MAIN);
	if (o->tex && (e->type != TYPE_PATENT || o->format == FORMAT_BIBTEX))
		bu_add_howpublished(o, f, e);
	bu_add_note(o, f, e);
	bu_add_raw(f, "DOI", e->f[FIELD_DOI], LEVEL_MAIN);
	bu_add_raw(f, "URL", e->f[FIELD_URL], LEVEL_MAIN);
	bu_add_raw(f, "ARXIV", e->f[FIELD_ARXIV], LEVEL_MAIN);
	bu_add_raw(f, "ISBN", e->f[FIELD_ISBN], LEVEL_MAIN);
	return f;
}

static void
bu_addref(bibl *b, fields *f)
{
	if (bibl_addref(b, f) != BIBL_OK) {
		fputs("cv2bib: out of memory\n", stderr);
		exit(2);
	}
}

int
out_bibutils_write(struct out_bibutils *o, struct entry *const *v, size_t n)
{
	bibl b;
	size_t i;
	int rc;

	if (!o->streams) {
		for (i = 0; i < n; i++)
			bu_addref(&o->pending, bu_record(o, v[i]));
		return 0;
	}
	bibl_init(&b);
	for (i = 0; i < n; i++)
		bu_addref(&b, bu_record(o, v[i]));
	rc = bibl_write(&b, o->fp, &o->p);
	bibl_free(&b);
	return rc == BIBL_OK && !ferror(o->fp) ? 0 : -1;
}

int
out_bibutils_close(struct out_bibutils *o)
{
	int rc = 0;

	if (!o->streams && bibl_write(&o->pending, o->fp, &o->p) != BIBL_OK)
		rc = -1;
	if (ferror(o->fp))
		rc = -1;
	bibl_free(&o->pending);
	buf_free(&o->tmp);
	/* bibl_freeparams() frees what bibl_initparams() allocated. */
	o->p.assemblef = o->assemble;
	bibl_freeparams(&o->p);
	free(o);
	return rc;
}
