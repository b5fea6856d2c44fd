/*
 * out_bibutils.c -- BibTeX, BibLaTeX, RIS and the other libbibutils
 * formats (see out_bibutils.h).
 *
 * Each entry becomes a libbibutils record in its internal (MODS-like) tags
 * and bibl_write() does the writing.  What libbibutils does not do is done
 * around it:
 *  - LaTeX escaping and brace protection, here (tex.c), before it sees the
 *    text, for BibTeX and BibLaTeX only: its own latexout is twice as slow
 *    and knows nothing of protecting the capitals of a title;
 *  - names go in whole (AUTHOR:ASIS), formatted here, for BibTeX, RIS and
 *    EndNote, whose writers would put a suffix in the wrong place
 *    ("Maguire Jr., Gerald"); in parts (AUTHOR) for the others;
 *  - what its writers have no tag for, or write where readers do not look
 *    (howpublished, institution, a RIS journal in JO, a second "url" made
 *    of the DOI), is fixed after its assemble step: the record carries
 *    private "CV2BIB:" operations that bu_assemble() applies to the
 *    assembled output (add, drop, rename, set).  Writers without an
 *    assemble step (MODS, Word 2007) never get these tags;
 *  - a BibLaTeX field that biber's data model does not allow in the entry
 *    type (a thesis's publisher) goes into the addendum.
 *
 * Where things go (the entry's own field names on the left):
 *
 *                 BibTeX            BibLaTeX          RIS
 *  short venue    shortjournal      shortjournal      J2 (JOUR, CHAP)
 *                 series (papers)   booktitleaddon    T2 (CONF: the
 *                                                     conference name)
 *  collection     series            series            T3
 *  status         note              pubstate          N1
 *  note           note              note              N1
 *  arXiv id       eprint +          eprint +          UR (arxiv.org)
 *                 archivePrefix     eprinttype
 *  patent         @misc,            @patent, number,  PAT, SN (granted)
 *                 howpublished      type, location    or M1 (application),
 *                 "<genre> <no.>"                     M3 genre, CY
 *  report no.     number, type      number            SN, M3 genre
 *  thesis kind    type              type              M3 (U1 by bibutils)
 *
 * BibTeX has no @patent, and plain.bst warns of every missing required
 * field: an entry without what its type needs (a paper without its
 * proceedings, a chapter without a publisher) is written as @misc with
 * what was known in howpublished, so that the standard styles run clean.
 *
 * bibl_write() rewrites the records it writes, so every batch is built
 * anew and freed after writing.  Where the format has an assemble step,
 * the record it assembles is freed by bu_write() once written: libbibutils
 * 7.2 leaks the last one of every bibl_write() call.
 *
 * The streaming formats with an assemble step and UTF-8 output (all but
 * MODS and Word 2007) are written directly: bibl_write() gets empty stubs,
 * so that it has no character set to convert (from UTF-8 to UTF-8), and
 * the assemble hook gives libbibutils' step the batch's own records, whose
 * operations are kept apart from them.
 */
#include "config.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <stdio_ext.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bibutils/bibutils.h>

#include "buf.h"
#include "diag.h"
#include "entry.h"
#include "out_bibutils.h"
#include "tex.h"
#include "utf8.h"
#include "xmalloc.h"

/* Operations on the assembled record, carried in the input record. */
#define OP_PREFIX	"CV2BIB:"
#define OP_ADD		"CV2BIB:ADD:"	/* + output tag; value to add */
#define OP_DROP		"CV2BIB:DROP"	/* value: an output tag */
#define OP_DROPVAL	"CV2BIB:DROPVAL" /* value: an output value */
#define OP_RENAME	"CV2BIB:RENAME"	/* value: "FROM TO" */
#define OP_SET		"CV2BIB:SET"	/* value: "TAG VALUE" */

typedef int (*assemble_fn)(fields *, fields *, param *, unsigned long);
typedef int (*write_fn)(fields *, FILE *, param *, unsigned long);

/*
 * libbibutils' own assemble step and writer of each output format.
 * bibl_write() hands the hooks a copy of the parameters, so the hooks find
 * them by the format they write.
 */
static assemble_fn bu_assemblers[BIBL_LASTOUT - BIBL_FIRSTOUT + 1];
static write_fn bu_writers[BIBL_LASTOUT - BIBL_FIRSTOUT + 1];

struct out_bibutils {
	param		 p;
	enum format	 format;
	FILE		*fp;
	int		 latex;		/* --latex: escape non-ASCII too */
	int		 tex;		/* the format is BibTeX or BibLaTeX */
	int		 streams;
	int		 ops;		/* the format has an assemble step */
	int		 direct;	/* records bypass bibl_write() (below) */
	bibl		 pending;	/* formats written at close */
	bibl		 staged;	/* records put, to write at a flush */
	/*
	 * What a record's values are built in (names, the note), and what
	 * they are escaped in: both kept from record to record, so that a
	 * field costs no allocation but libbibutils' own copy.
	 */
	struct buf	 tmp;
	struct buf	 esc;
	/* The batch being written when direct. */
	struct bu_batch	*batch;
	size_t		 nbatch;
	size_t		 capbatch;
	fields		 stub;		/* the empty record bibl_write() sees */
	fields		**stubs;	/* capbatch pointers to stub */
};

/*
 * A record and its operations (CV2BIB:...), apart: libbibutils' assemble
 * step reads every field of the record at every step, and need not read
 * the operations.
 */
struct bu_batch {
	fields		*rec;
	fields		*ops;
};

/*
 * The writer whose batch bibl_write() is writing directly, for the hooks
 * (bibl_write() hands them only its copy of the parameters).
 */
static _Thread_local struct out_bibutils *bu_current;

/*
 * The formats this libbibutils writes.  A format streams when its writer
 * has no header or footer beyond the byte-order mark (which is off), so
 * that bibl_write() may be called once per batch; the XML ones open and
 * close a collection element on every call.  libbibutils 7.2 reads EndNote
 * XML but does not write it.
 */
static const struct {
	enum format	 format;
	int		 mode;
	int		 streams;
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

/* The libbibutils mode of a format, or -1; *streams as in bu_formats. */
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

/* --- the hook: operations on the assembled record --------------------- */

/*
 * Drop field i of out.  fields_remove() of libbibutils 7.2 leaks the
 * field, so a dropped field only loses its tag here, and bu_compact()
 * rebuilds the record without them.
 */
static void
bu_drop(fields *out, int i)
{
	str_strcpyc(fields_tag(out, i, FIELDS_STRP_NOUSE), "");
}

/* Rebuild out without its dropped fields, through the public calls. */
static int
bu_compact(fields *out)
{
	fields *keep;
	const char *tag;
	int i, rc = BIBL_OK;

	for (i = 0; i < out->n; i++)
		if (*(const char *)fields_tag(out, i, FIELDS_CHRP_NOUSE) ==
		    '\0')
			break;
	if (i == out->n)
		return BIBL_OK;
	if ((keep = fields_new()) == NULL)
		return BIBL_ERR_MEMERR;
	for (i = 0; i < out->n; i++) {
		tag = fields_tag(out, i, FIELDS_CHRP_NOUSE);
		if (*tag != '\0' && fields_add_can_dup(keep, tag,
		    fields_value(out, i, FIELDS_CHRP_NOUSE),
		    fields_level(out, i)) != FIELDS_OK)
			rc = BIBL_ERR_MEMERR;
	}
	fields_free(out);
	fields_init(out);
	for (i = 0; i < keep->n; i++)
		if (fields_add_can_dup(out,
		    fields_tag(keep, i, FIELDS_CHRP_NOUSE),
		    fields_value(keep, i, FIELDS_CHRP_NOUSE),
		    fields_level(keep, i)) != FIELDS_OK)
			rc = BIBL_ERR_MEMERR;
	fields_delete(keep);
	return rc;
}

/* Apply one drop, rename or set to out. */
static void
bu_op(fields *out, const char *op, const char *v)
{
	const char *sp = strchr(v, ' ');
	size_t tlen = sp != NULL ? (size_t)(sp - v) : strlen(v);
	const char *tag;
	int i;

	for (i = 0; i < out->n; i++) {
		tag = fields_tag(out, i, FIELDS_CHRP_NOUSE);
		if (strcmp(op, OP_DROPVAL) == 0) {
			if (i > 1 && *tag != '\0' && strcmp(fields_value(out, i,
			    FIELDS_CHRP_NOUSE), v) == 0)
				bu_drop(out, i);
			continue;
		}
		if (strlen(tag) != tlen || strncmp(tag, v, tlen) != 0)
			continue;
		if (strcmp(op, OP_DROP) == 0)
			bu_drop(out, i);
		else if (strcmp(op, OP_RENAME) == 0 && sp != NULL)
			str_strcpyc(fields_tag(out, i, FIELDS_STRP_NOUSE),
			    sp + 1);
		else if (strcmp(op, OP_SET) == 0 && sp != NULL) {
			str_strcpyc(fields_value(out, i, FIELDS_STRP_NOUSE),
			    sp + 1);
			return;
		}
	}
}

/* Whether an output tag of BibTeX or BibLaTeX is an identifier. */
static int
bu_ident_tag(const char *tag)
{
	static const char *const idents[] = {
		"isbn", "doi", "eprint", "eprinttype", "archivePrefix", "url"
	};
	size_t i;

	for (i = 0; i < sizeof(idents) / sizeof(idents[0]); i++)
		if (strcmp(tag, idents[i]) == 0)
			return 1;
	return 0;
}

/*
 * Put the short name of the venue right after the venue (it was added at
 * the end), in a BibTeX or BibLaTeX record.
 */
static void
bu_short_after_venue(fields *out)
{
	static const char *const shorts[] = {
		"shortjournal", "series", "shortbooktitle", "booktitleaddon"
	};
	fields_entry **v = out->entries, *moved;
	const char *tag;
	int i, j, venue = -1;
	size_t k;

	for (i = 2; i < out->n && venue == -1; i++) {
		tag = fields_tag(out, i, FIELDS_CHRP_NOUSE);
		if (strcmp(tag, "journal") == 0 ||
		    strcmp(tag, "booktitle") == 0)
			venue = i;
	}
	if (venue == -1)
		return;
	for (i = venue + 1; i < out->n; i++) {
		tag = fields_tag(out, i, FIELDS_CHRP_NOUSE);
		for (k = 0; k < sizeof(shorts) / sizeof(shorts[0]); k++)
			if (strcmp(tag, shorts[k]) == 0)
				break;
		if (k == sizeof(shorts) / sizeof(shorts[0]))
			continue;
		moved = v[i];
		for (j = i; j > venue + 1; j--)
			v[j] = v[j - 1];
		v[++venue] = moved;
	}
}

/* Move the identifiers of a BibTeX record to its end, keeping order. */
static void
bu_idents_last(fields *out)
{
	fields_entry **v = out->entries, **ids;
	int i, n = 0, k = 0;

	ids = xreallocarray(NULL, (size_t)out->n + 1, sizeof(*ids));
	for (i = 0; i < out->n; i++) {
		if (i > 1 && bu_ident_tag(fields_tag(out, i,
		    FIELDS_CHRP_NOUSE)))
			ids[k++] = v[i];
		else
			v[n++] = v[i];
	}
	memcpy(v + n, ids, (size_t)k * sizeof(*ids));
	free(ids);
}

/*
 * The fields biber's data model (blx-dm.def) allows in each BibLaTeX type
 * this writer makes, by the names libbibutils writes (biber reads address
 * as location, journal as journaltitle, school as institution), and those
 * every type allows.  biber --validate-datamodel warns of any other.
 */
static const struct {
	const char	*type;
	const char	*fields;
} bl_fields[] = {
	{ "Article", " author editor journal shortjournal series volume number"
	    " issue pages entrysubtype " },
	{ "InProceedings", " author editor booktitle booktitleaddon series"
	    " volume number pages publisher address organization isbn " },
	{ "InCollection", " author editor booktitle booktitleaddon series"
	    " volume number pages edition publisher address isbn " },
	{ "InBook", " author editor booktitle booktitleaddon series"
	    " volume number pages edition publisher address isbn " },
	{ "Collection", " editor series volume number pages edition"
	    " publisher address isbn " },
	{ "Book", " author editor series volume number pages edition"
	    " publisher address isbn " },
	{ "PhdThesis", " author school institution type address pages " },
	{ "MastersThesis", " author school institution type address pages " },
	{ "TechReport", " author institution type number address pages"
	    " version " },
	{ "Patent", " author holder type number address version " },
	{ "Misc", " author editor howpublished type address organization"
	    " version " },
};
static const char bl_global[] = " title date doi eprint eprinttype"
    " eprintclass url note pubstate addendum shorttitle ";

/* How a field biber would not take reads in the addendum. */
static void
bu_addendum_part(struct buf *b, const char *tag, const char *v)
{
	static const struct {
		const char	*tag;
		const char	*fmt;
	} labels[] = {
		{ "volume", "vol. %s" }, { "number", "no. %s" },
		{ "issue", "no. %s" }, { "pages", "pp. %s" },
		{ "edition", "%s ed." }, { "isbn", "ISBN %s" },
		{ "editor", "ed. by %s" },
	};
	const char *fmt = "%s";
	char *nl;
	size_t i, start = b->len;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(tag, labels[i].tag) == 0)
			fmt = labels[i].fmt;
	if (b->len > 0)
		buf_puts(b, "; ");
	buf_printf(b, fmt, v);
	/* Names are one per line ("Doe, J.\n\t\tand Roe, R."): join them. */
	while ((nl = strstr(b->s + start, "\n\t\t")) != NULL) {
		*nl = ' ';
		memmove(nl + 1, nl + 3, strlen(nl + 3) + 1);
		b->len -= 2;
	}
}

/* Move what a BibLaTeX type does not allow into its addendum. */
static int
bu_biblatex_valid(fields *out)
{
	struct buf b = BUF_INIT;
	const char *type = fields_value(out, 0, FIELDS_CHRP_NOUSE);
	const char *allowed = NULL, *tag;
	char key[64];
	size_t i;
	int j, rc = BIBL_OK;

	for (i = 0; i < sizeof(bl_fields) / sizeof(bl_fields[0]); i++)
		if (strcmp(type, bl_fields[i].type) == 0)
			allowed = bl_fields[i].fields;
	if (allowed == NULL)
		return BIBL_OK;
	for (j = 2; j < out->n; j++) {
		tag = fields_tag(out, j, FIELDS_CHRP_NOUSE);
		if (*tag == '\0')
			continue;	/* dropped */
		snprintf(key, sizeof(key), " %s ", tag);
		if (strstr(allowed, key) != NULL ||
		    strstr(bl_global, key) != NULL)
			continue;
		/*
		 * libbibutils writes an edition as "version" too: one of the
		 * two is enough where the type allows it.
		 */
		if (strcmp(tag, "version") != 0 &&
		    (strcmp(tag, "edition") != 0 ||
		    strstr(allowed, " version ") == NULL))
			bu_addendum_part(&b, tag, fields_value(out, j,
			    FIELDS_CHRP_NOUSE));
		bu_drop(out, j);
	}
	if (b.len > 0 && fields_add(out, "addendum", b.s, LEVEL_MAIN) !=
	    FIELDS_OK)
		rc = BIBL_ERR_MEMERR;
	buf_free(&b);
	return rc;
}

/*
 * libbibutils' assemble step, then the record's own operations: drops,
 * renames and sets in order, then additions (so a rename never touches
 * what was added).
 */
static int
bu_assemble_ops(fields *in, fields *ops, fields *out, param *pm,
    unsigned long refnum)
{
	assemble_fn next = bu_assemblers[pm->writeformat - BIBL_FIRSTOUT];
	const char *tag, *v;
	int i, rc;

	if ((rc = next(in, out, pm, refnum)) != BIBL_OK)
		return rc;
	for (i = 0; i < ops->n; i++) {
		tag = fields_tag(ops, i, FIELDS_CHRP_NOUSE);
		v = fields_value(ops, i, FIELDS_CHRP_NOUSE);
		if (strncmp(tag, OP_PREFIX, strlen(OP_PREFIX)) == 0 &&
		    strncmp(tag, OP_ADD, strlen(OP_ADD)) != 0)
			bu_op(out, tag, v);
	}
	for (i = 0; i < ops->n; i++) {
		tag = fields_tag(ops, i, FIELDS_CHRP_NOUSE);
		v = fields_value(ops, i, FIELDS_CHRP_NOUSE);
		if (strncmp(tag, OP_ADD, strlen(OP_ADD)) == 0 &&
		    fields_add_can_dup(out, tag + strlen(OP_ADD), v,
		    LEVEL_MAIN) != FIELDS_OK)
			return BIBL_ERR_MEMERR;
	}
	if (pm->writeformat == BIBL_BIBLATEXOUT &&
	    (rc = bu_biblatex_valid(out)) != BIBL_OK)
		return rc;
	if ((rc = bu_compact(out)) != BIBL_OK)
		return rc;
	if (pm->writeformat == BIBL_BIBTEXOUT ||
	    pm->writeformat == BIBL_BIBLATEXOUT) {
		bu_short_after_venue(out);
		bu_idents_last(out);
	}
	return BIBL_OK;
}

/*
 * The assemble hook.  In is the record, its operations among its fields,
 * or when the batch is written directly a stub standing for record refnum
 * of the batch.  On failure bibl_write() stops without writing or freeing
 * out, so what was assembled is freed here.
 */
static int
bu_assemble(fields *in, fields *out, param *pm, unsigned long refnum)
{
	struct out_bibutils *o = bu_current;
	fields *ops = in;
	int rc;

	if (o != NULL && refnum < o->nbatch) {
		in = o->batch[refnum].rec;
		ops = o->batch[refnum].ops;
	}
	if ((rc = bu_assemble_ops(in, ops, out, pm, refnum)) != BIBL_OK)
		fields_free(out);
	return rc;
}

/*
 * The write hook, for formats with an assemble step: libbibutils' writer,
 * then the assembled record is freed.  bibl_write() of libbibutils 7.2
 * (Debian 7.2-2) assembles every record into one fields of its own, which
 * it frees before assembling the next but never after the last: each call
 * leaked one record (2 to 4 KB; one per batch of entries, so memory grew
 * with the input).  fields_free() leaves the fields empty (fields_init()), and
 * freeing an empty one frees nothing, so this stays right with a
 * libbibutils that frees it too.  The record written is bibl_write()'s
 * own only where there is an assemble step; without one it is a record of
 * the bibl, which must not be touched: this hook is not set then.
 */
static int
bu_write(fields *out, FILE *fp, param *pm, unsigned long refnum)
{
	write_fn next = bu_writers[pm->writeformat - BIBL_FIRSTOUT];
	int rc;

	rc = next(out, fp, pm, refnum);
	fields_free(out);
	return rc;
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
	if (o->p.assemblef != NULL) {
		bu_assemblers[mode - BIBL_FIRSTOUT] = o->p.assemblef;
		bu_writers[mode - BIBL_FIRSTOUT] = o->p.writef;
		o->p.assemblef = bu_assemble;
		o->p.writef = bu_write;
		o->ops = 1;
	}
	/*
	 * bibl_write() converts every value of every record from UTF-8 to
	 * the output's character set: a fifth of its time, for nothing
	 * where that is UTF-8 again, without LaTeX or XML.  Those formats
	 * are written directly (bu_write_direct()).
	 */
	o->direct = o->ops && o->streams && o->p.latexout == 0 &&
	    o->p.utf8out && o->p.xmlout == BIBL_XMLOUT_FALSE;
	fields_init(&o->stub);
	bibl_init(&o->pending);
	bibl_init(&o->staged);
	return o;
}

/* --- one entry to fields ---------------------------------------------- */

/*
 * What one record is being built from and for.  Each tag is added once (a
 * title once at each level), so with fields_add_can_dup(), which does not
 * compare the field with every one before it.
 */
struct bu_rec {
	struct out_bibutils	*o;
	fields			*f;
	fields			*ops;	/* f, or apart when direct */
	const struct entry	*e;
	enum entry_type		 t;	/* the type written */
	struct buf		 note;	/* what goes into the note */
};

/*
 * Add text to f as it must appear in the format.  v may be in o->tmp, not
 * in o->esc.
 */
static void
bu_text_to(struct bu_rec *r, fields *f, const char *tag, const char *v,
    int level)
{
	struct buf *esc = &r->o->esc;

	if (v == NULL || *v == '\0')
		return;
	if (!r->o->tex) {
		fields_add_can_dup(f, tag, v, level);
		return;
	}
	buf_reset(esc);
	tex_escape_append(esc, v, r->o->latex);
	fields_add_can_dup(f, tag, buf_str(esc), level);
}

/* Add text to the record. */
static void
bu_text(struct bu_rec *r, const char *tag, const char *v, int level)
{
	bu_text_to(r, r->f, tag, v, level);
}

/* Add an identifier: never escaped (DOIs and URLs are verbatim). */
static void
bu_raw(struct bu_rec *r, const char *tag, const char *v, int level)
{
	if (v != NULL && *v != '\0')
		fields_add_can_dup(r->f, tag, v, level);
}

/*
 * Tag a followed by b, in t.  Every tag is one of this file's (an
 * operation and an output tag, a role and ":ASIS"), far shorter than
 * BU_TAGMAX: a longer one is a mistake here.  Cheaper than a printf,
 * which was a tenth of building a record.
 */
#define BU_TAGMAX	64

static const char *
bu_tag(char t[BU_TAGMAX], const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na + nb >= BU_TAGMAX)
		abort();
	memcpy(t, a, na);
	memcpy(t + na, b, nb + 1);
	return t;
}

/* Ask for the output field tag = v (text) after libbibutils' step. */
static void
bu_out_text(struct bu_rec *r, const char *tag, const char *v)
{
	char t[BU_TAGMAX];

	if (r->o->ops && v != NULL && *v != '\0')
		bu_text_to(r, r->ops, bu_tag(t, OP_ADD, tag), v, LEVEL_MAIN);
}

/* Ask for the output field tag = v, verbatim (an identifier). */
static void
bu_out_raw(struct bu_rec *r, const char *tag, const char *v)
{
	char t[BU_TAGMAX];

	if (r->o->ops && v != NULL && *v != '\0')
		fields_add_can_dup(r->ops, bu_tag(t, OP_ADD, tag), v,
		    LEVEL_MAIN);
}

/* Ask for an operation on the output (OP_DROP ...): "a" or "a b". */
static void
bu_out_op(struct bu_rec *r, const char *op, const char *a, const char *b)
{
	struct buf *v = &r->o->esc;

	if (!r->o->ops)
		return;
	buf_reset(v);
	buf_puts(v, a);
	if (b != NULL) {
		buf_putc(v, ' ');
		buf_puts(v, b);
	}
	fields_add_can_dup(r->ops, op, buf_str(v), LEVEL_MAIN);
}

/* Append s to b, after sep if b holds something already. */
static void
bu_join(struct buf *b, const char *sep, const char *s)
{
	if (b->len > 0)
		buf_puts(b, sep);
	buf_puts(b, s);
}

/* Append a name part, escaped for LaTeX when the format is TeX. */
static void
bu_name_part(struct bu_rec *r, struct buf *b, const char *s)
{
	if (r->o->tex)
		tex_escape_append(b, s, r->o->latex);
	else
		buf_puts(b, s);
}

/*
 * Whether the format gets names whole ("AUTHOR:ASIS", formatted here) or
 * in parts ("AUTHOR", Family|Given|Given||Suffix, formatted by
 * libbibutils).  Its BibTeX, RIS and EndNote writers put a suffix in the
 * wrong place ("Maguire Jr., Gerald"); the MODS and Word 2007 writers
 * need the parts, and the ISI and PubMed ones make initials of them.
 */
static int
bu_names_whole(enum format f)
{
	return f == FORMAT_BIBTEX || f == FORMAT_BIBLATEX || f == FORMAT_RIS ||
	    f == FORMAT_ENDNOTE;
}

/* Append s with the separator of name parts, '|', made a blank. */
static void
bu_name_piece(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(b, *s == '|' ? ' ' : *s);
}

/* A name in libbibutils' parts: "van der Berg|Gerald|Q.||Jr.". */
static void
bu_name_parts(struct buf *b, const struct name *n)
{
	const char *g;
	size_t len;

	if (n->particle != NULL) {
		bu_name_piece(b, n->particle);
		buf_putc(b, ' ');
	}
	bu_name_piece(b, n->family != NULL ? n->family : "");
	for (g = n->given; g != NULL && *g != '\0'; g += len) {
		g += strspn(g, " ");
		if ((len = strcspn(g, " ")) == 0)
			break;
		buf_putc(b, '|');
		buf_append(b, g, len);
	}
	if (n->suffix != NULL) {
		buf_puts(b, "||");
		bu_name_piece(b, n->suffix);
	}
}

/*
 * Append to b a name as the format writes it: BibTeX "von Last, Jr.,
 * First", RIS and EndNote "von Last, First, Jr."; an organisation braced
 * in BibTeX.  Returns the tag suffix: ":ASIS" for a name given whole,
 * ":CORP" or "" for one in parts.
 */
static const char *
bu_name(struct bu_rec *r, struct buf *b, const struct name *n)
{
	int tex = r->o->tex, whole = bu_names_whole(r->o->format);

	if (n->flags & NAME_LITERAL) {
		if (tex)
			buf_putc(b, '{');
		bu_name_part(r, b, n->family != NULL ? n->family : "");
		if (tex)
			buf_putc(b, '}');
		return whole ? ":ASIS" : ":CORP";
	}
	if (!whole) {
		bu_name_parts(b, n);
		return "";
	}
	if (n->particle != NULL) {
		bu_name_part(r, b, n->particle);
		buf_putc(b, ' ');
	}
	bu_name_part(r, b, n->family != NULL ? n->family : "");
	if (tex && n->suffix != NULL) {
		buf_puts(b, ", ");
		bu_name_part(r, b, n->suffix);
		/*
		 * "Last, Jr., First": the third part must be there; bibtex
		 * rejects a name ending in a comma.
		 */
		buf_puts(b, n->given != NULL ? ", " : ", {}");
	} else if (n->given != NULL)
		buf_puts(b, ", ");
	if (n->given != NULL)
		bu_name_part(r, b, n->given);
	if (!tex && n->suffix != NULL) {
		buf_puts(b, ", ");
		bu_name_part(r, b, n->suffix);
	}
	return ":ASIS";
}

/*
 * What libbibutils' BibTeX and BibLaTeX writers put between two names
 * with BIBL_FORMAT_BIBOUT_WHITESPACE (and no latexout, which would brace
 * each).
 */
#define BU_TEX_AND	"\n\t\tand "

/*
 * Whether the formats' writer keeps one of two equal names in a list:
 * libbibutils' RIS and EndNote steps add each author with fields_add(),
 * which leaves out a value the record has already (case aside).
 */
static int
bu_names_once(enum format f)
{
	return f == FORMAT_RIS || f == FORMAT_ENDNOTE;
}

/*
 * Say so when name v of entry e repeats one already in record f (tag
 * starting with role): the writer will give it once.  Two people of one
 * name do write papers together ("Y. Wang, Y. Wang").
 */
static void
bu_name_repeat(const struct bu_rec *r, const char *role, const char *v)
{
	size_t i, n = strlen(role);
	const char *tag;

	for (i = 0; i < (size_t)fields_num(r->f); i++) {
		tag = fields_tag(r->f, i, FIELDS_CHRP_NOUSE);
		if (strncmp(tag, role, n) == 0 && strcasecmp(fields_value(r->f,
		    i, FIELDS_CHRP_NOUSE), v) == 0) {
			diag_at(DIAG_WARNING, r->e->file, r->e->line, "\"%s\" "
			    "is twice in the list of names; %s gives it once",
			    v, format_name(r->o->format));
			return;
		}
	}
}

/*
 * A list of names; "and others" for et al. where BibTeX has it.  role is
 * AUTHOR or EDITOR.  In BibTeX and BibLaTeX the names go in as one field,
 * joined as libbibutils would join them: every step of its assemble
 * (finding the type first of all) reads every field of the record, and
 * the names were half of them.
 */
static void
bu_names(struct bu_rec *r, const char *role, const struct namelist *nl,
    int level)
{
	struct buf *b = &r->o->tmp;
	const char *suffix = "";
	char tag[BU_TAGMAX];
	size_t i, start, mark;

	buf_reset(b);
	for (i = 0; i < nl->n; i++) {
		start = b->len;
		if (r->o->tex && start > 0)
			buf_puts(b, BU_TEX_AND);
		mark = b->len;
		suffix = bu_name(r, b, &nl->v[i]);
		if (b->len == mark) {		/* an empty name: none */
			b->len = start;
			if (b->s != NULL)
				b->s[start] = '\0';
			continue;
		}
		if (r->o->tex)
			continue;
		if (bu_names_once(r->o->format))
			bu_name_repeat(r, role, buf_str(b));
		fields_add_can_dup(r->f, bu_tag(tag, role, suffix), buf_str(b),
		    level);
		buf_reset(b);
	}
	/* RIS and the others have no way to say it: "AU  - others". */
	if (nl->etal && nl->n > 0 && r->o->tex)
		buf_puts(b, b->len > 0 ? BU_TEX_AND "others" : "others");
	if (r->o->tex && b->len > 0)
		fields_add_can_dup(r->f, bu_tag(tag, role, ":ASIS"), buf_str(b),
		    level);
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

/* Whether the type is a paper in proceedings. */
static int
bu_is_paper(enum entry_type t)
{
	return bu_has_host(t) && t != TYPE_ARTICLE && t != TYPE_CHAPTER;
}

/* Whether the type is written as a miscellaneous record. */
static int
bu_is_misc(enum entry_type t)
{
	return t == TYPE_PREPRINT || t == TYPE_TALK || t == TYPE_SOFTWARE ||
	    t == TYPE_MISC;
}

/*
 * Whether the entry has what a BibTeX (plain.bst) or BibLaTeX (biber's
 * data model) entry of type t requires.  Both want an author (a book may
 * have editors instead) and a title; BibTeX a year too.
 */
static int
bu_tex_complete(const struct bu_rec *r, enum entry_type t)
{
	const struct entry *e = r->e;
	int bibtex = r->o->format == FORMAT_BIBTEX;

	if (e->f[FIELD_TITLE] == NULL || (bibtex && e->f[FIELD_YEAR] == NULL))
		return 0;
	if (e->authors.n == 0 && !((t == TYPE_BOOK || t == TYPE_EDITED_BOOK) &&
	    e->editors.n > 0))
		return 0;
	if (bu_has_host(t) && e->f[FIELD_CONTAINER] == NULL)
		return 0;
	switch (t) {
	case TYPE_CHAPTER:
	case TYPE_BOOK:
	case TYPE_EDITED_BOOK:
		return !bibtex || e->f[FIELD_PUBLISHER] != NULL;
	case TYPE_REPORT:
	case TYPE_THESIS:
		return e->f[FIELD_INSTITUTION] != NULL;
	case TYPE_PATENT:
		return bibtex || e->f[FIELD_NUMBER] != NULL;
	default:
		return 1;
	}
}

/* The type to write: the entry's, or misc when the format needs more. */
static enum entry_type
bu_type(const struct bu_rec *r)
{
	enum entry_type t = r->e->type;

	if (t == TYPE_UNKNOWN || t == TYPE_NONE || t >= TYPE__COUNT)
		t = TYPE_MISC;
	/* Articles to every format; bu_add_type() says which kind. */
	if (t == TYPE_MAGAZINE || t == TYPE_REVIEW)
		t = TYPE_ARTICLE;
	if (r->o->tex && !bu_is_misc(t) && !bu_tex_complete(r, t))
		t = TYPE_MISC;
	if (r->o->format == FORMAT_BIBTEX && t == TYPE_PATENT)
		t = TYPE_MISC;
	return t;
}

/* The thesis genre libbibutils knows: a master's or a doctoral thesis. */
static const char *
bu_thesis_genre(const char *g)
{
	static const char *const masters[] = {
		"aster", "achelor", "iplom", "M.S", "MSc", "M.Sc", "M.A.",
		"M.Eng", "MEng", "B.S", "BSc", "B.Sc", "B.A.", "Undergraduate",
		"undergraduate", "Honours", "Honors"
	};
	size_t i;

	for (i = 0; g != NULL && i < sizeof(masters) / sizeof(masters[0]); i++)
		if (strstr(g, masters[i]) != NULL)
			return "Masters thesis";
	return "Ph.D. thesis";
}

/*
 * A magazine article or a book review is written as an article; the
 * formats that can say more do: RIS MGZN, BibLaTeX's entrysubtype.  (Its
 * @review has no fields in biber's data model: every one would be
 * reported.)
 */
static void
bu_add_article_kind(struct bu_rec *r)
{
	enum format fmt = r->o->format;

	if (r->e->type == TYPE_MAGAZINE && fmt == FORMAT_RIS)
		bu_out_op(r, OP_SET, "TY", "MGZN");
	else if (r->e->type == TYPE_MAGAZINE && fmt == FORMAT_BIBLATEX)
		bu_out_raw(r, "entrysubtype", "magazine");
}

/*
 * Add a type hint (tag RESOURCE, ISSUANCE or GENRE:...) that only helps
 * where the genre has not told the type already.  libbibutils' BibTeX,
 * BibLaTeX and RIS writers read these only to choose the type, and the
 * genre added for each type here tells it: they are left out there, as
 * each step of libbibutils' assemble reads every field of the record.
 * (RIS tells software, COMP, from the RESOURCE alone.)
 */
static void
bu_add_hint(struct bu_rec *r, const char *tag, const char *v, int level)
{
	enum format fmt = r->o->format;

	if ((fmt == FORMAT_BIBTEX || fmt == FORMAT_BIBLATEX ||
	    fmt == FORMAT_RIS) && (fmt != FORMAT_RIS ||
	    r->t != TYPE_SOFTWARE))
		return;
	fields_add_can_dup(r->f, tag, v, level);
}

/* The type tags libbibutils reads to choose @article, TY  - JOUR, ... */
static void
bu_add_type(struct bu_rec *r)
{
	fields *f = r->f;
	enum format fmt = r->o->format;

	bu_add_hint(r, "RESOURCE", r->t == TYPE_SOFTWARE ?
	    "software, multimedia" : "text", LEVEL_MAIN);
	switch (r->t) {
	case TYPE_ARTICLE:
		/* Alone, "periodical" is an article to every writer. */
		bu_add_hint(r, "GENRE:BIBUTILS", "journal article",
		    LEVEL_MAIN);
		fields_add_can_dup(f, "GENRE:MARC", "periodical", LEVEL_HOST);
		bu_add_hint(r, "ISSUANCE", "continuing", LEVEL_HOST);
		bu_add_article_kind(r);
		break;
	case TYPE_CONFERENCE:
	case TYPE_WORKSHOP:
	case TYPE_ABSTRACT:
	case TYPE_POSTER:
	case TYPE_DEMO:
		fields_add_can_dup(f, "GENRE:MARC", "conference publication",
		    LEVEL_HOST);
		/* libbibutils makes it "Conference Proceedings". */
		if (fmt == FORMAT_ENDNOTE)
			bu_out_op(r, OP_SET, "%0", "Conference Paper");
		break;
	case TYPE_REPORT:
		fields_add_can_dup(f, "GENRE:MARC", "technical report", LEVEL_MAIN);
		break;
	case TYPE_THESIS:
		fields_add_can_dup(f, "GENRE:MARC", "thesis", LEVEL_MAIN);
		fields_add_can_dup(f, "GENRE:BIBUTILS",
		    bu_thesis_genre(r->e->f[FIELD_GENRE]), LEVEL_MAIN);
		break;
	case TYPE_BOOK:
	case TYPE_EDITED_BOOK:
		fields_add_can_dup(f, "GENRE:MARC", "book", LEVEL_MAIN);
		bu_add_hint(r, "ISSUANCE", "monographic", LEVEL_MAIN);
		/* A book of editors only is biber's @collection. */
		if (fmt == FORMAT_BIBLATEX && r->e->authors.n == 0 &&
		    r->e->editors.n > 0)
			bu_out_op(r, OP_SET, "TYPE", "Collection");
		break;
	case TYPE_CHAPTER:
		fields_add_can_dup(f, "GENRE:BIBUTILS", "collection", LEVEL_HOST);
		bu_add_hint(r, "ISSUANCE", "monographic", LEVEL_HOST);
		/* biber's @incollection needs editors; @inbook does not. */
		if (fmt == FORMAT_BIBLATEX && r->e->editors.n == 0)
			bu_out_op(r, OP_SET, "TYPE", "InBook");
		break;
	case TYPE_PATENT:
		fields_add_can_dup(f, "INTERNAL_TYPE", "PATENT", LEVEL_MAIN);
		fields_add_can_dup(f, "GENRE:MARC", "patent", LEVEL_MAIN);
		break;
	case TYPE_PREPRINT:
		/* @misc with eprint in BibTeX, UNPB (unpublished) in RIS. */
		fields_add_can_dup(f, "GENRE:BIBUTILS", r->o->tex ? "miscellaneous" :
		    "unpublished", LEVEL_MAIN);
		break;
	default:
		fields_add_can_dup(f, "GENRE:BIBUTILS", "miscellaneous", LEVEL_MAIN);
		/*
		 * libbibutils' EndNote writer knows no "miscellaneous" and
		 * says so on stderr; "loose-leaf" is the MARC genre it maps
		 * to Generic without a word.
		 */
		if (fmt == FORMAT_ENDNOTE && r->t != TYPE_SOFTWARE)
			fields_add_can_dup(f, "GENRE:MARC", "loose-leaf", LEVEL_MAIN);
		if (fmt == FORMAT_RIS && r->t != TYPE_SOFTWARE)
			bu_out_op(r, OP_SET, "TY", r->t == TYPE_TALK ? "SLIDE" :
			    "GEN");	/* libbibutils says STD: a standard */
		break;
	}
}

/* Whether the byte string at p starts a page-range dash (-, –, —). */
static size_t
bu_dash(const char *p)
{
	if (*p == '-')
		return 1;
	if (strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x94", 3) == 0)
		return 3;
	return 0;
}

/* Pages "12-34", "12--34", "12–34" as start and stop; "e1234" as start. */
static void
bu_add_pages(struct bu_rec *r)
{
	const char *pages = r->e->f[FIELD_PAGES], *p, *stop;
	struct buf *start = &r->o->tmp;
	size_t n;

	if (pages == NULL)
		return;
	for (p = pages; *p != '\0' && bu_dash(p) == 0; p++)
		continue;
	if (*p == '\0' || p == pages) {
		bu_text(r, "PAGES:START", pages, LEVEL_MAIN);
		return;
	}
	for (stop = p; (n = bu_dash(stop)) > 0; stop += n)
		continue;
	while (p > pages && p[-1] == ' ')
		p--;
	buf_reset(start);
	buf_append(start, pages, (size_t)(p - pages));
	while (*stop == ' ')
		stop++;
	bu_text(r, "PAGES:START", buf_str(start), LEVEL_MAIN);
	bu_text(r, "PAGES:STOP", stop, LEVEL_MAIN);
}

/* The journal, proceedings or book; its short name; the series. */
static void
bu_add_container(struct bu_rec *r)
{
	const struct entry *e = r->e;
	const char *c = e->f[FIELD_CONTAINER];
	const char *cs = e->f[FIELD_CONTAINER_SHORT];
	const char *series = e->f[FIELD_COLLECTION];
	enum format fmt = r->o->format;

	if (!bu_has_host(r->t)) {
		/* plain.bst: a book has an author or editors, not both. */
		if (fmt != FORMAT_BIBTEX || e->authors.n == 0 ||
		    (r->t != TYPE_BOOK && r->t != TYPE_EDITED_BOOK))
			bu_names(r, "EDITOR", &e->editors, LEVEL_MAIN);
		/* A book's, thesis's or report's container is its series. */
		if (r->t == TYPE_BOOK || r->t == TYPE_EDITED_BOOK ||
		    r->t == TYPE_THESIS || r->t == TYPE_REPORT)
			bu_text(r, "TITLE", series != NULL ? series : c,
			    LEVEL_HOST);
		else if (fmt == FORMAT_RIS) {
			/* It would write the host as T3, the series. */
			bu_out_text(r, "T2", c);
			bu_out_text(r, "T3", series);
		} else if (!r->o->tex) {
			bu_text(r, "TITLE", c, LEVEL_HOST);
			bu_text(r, "TITLE", series, LEVEL_SERIES);
		}
		return;		/* TeX: in howpublished */
	}
	bu_names(r, "EDITOR", &e->editors, LEVEL_HOST);
	if (fmt == FORMAT_ENDNOTE && bu_is_paper(r->t))
		bu_out_text(r, "%B", c);	/* it would write %S */
	else
		bu_text(r, "TITLE", c, LEVEL_HOST);
	bu_text(r, "TITLE", series, LEVEL_SERIES);
	if (fmt == FORMAT_BIBTEX) {
		/* BibTeX styles ignore shortjournal; series they print. */
		if (r->t == TYPE_ARTICLE)
			bu_out_text(r, "shortjournal", cs);
		else
			bu_out_text(r, series == NULL ? "series" :
			    "shortbooktitle", cs);
		return;
	}
	/* BibLaTeX shortjournal, shortbooktitle; RIS T2. */
	bu_text(r, "SHORTTITLE", cs, LEVEL_HOST);
	if (fmt == FORMAT_BIBLATEX && r->t != TYPE_ARTICLE)
		/* BibLaTeX has no shortbooktitle; booktitleaddon is printed. */
		bu_out_op(r, OP_RENAME, "shortbooktitle", "booktitleaddon");
	if (fmt == FORMAT_RIS && r->t == TYPE_ARTICLE) {
		/* RIS: T2 is the journal, J2 its abbreviation; not JO. */
		bu_out_op(r, OP_RENAME, "T2", "J2");
		bu_out_op(r, OP_RENAME, "JO", "T2");
	} else if (fmt == FORMAT_RIS && r->t == TYPE_CHAPTER)
		bu_out_op(r, OP_RENAME, "T2", "J2");
}

/* Year, month ("09", as libbibutils wants it) and day. */
static void
bu_add_date(struct bu_rec *r)
{
	const struct entry *e = r->e;
	char month[3];
	int m;

	bu_raw(r, "DATE:YEAR", e->f[FIELD_YEAR], LEVEL_MAIN);
	if (e->f[FIELD_MONTH] != NULL &&
	    (m = atoi(e->f[FIELD_MONTH])) >= 1 && m <= 12) {
		month[0] = (char)('0' + m / 10);
		month[1] = (char)('0' + m % 10);
		month[2] = '\0';
		bu_raw(r, "DATE:MONTH", month, LEVEL_MAIN);
		bu_raw(r, "DATE:DAY", e->f[FIELD_DAY], LEVEL_MAIN);
	}
}

/* The BibLaTeX publication state for a status, or NULL. */
static const char *
bu_pubstate(const char *status)
{
	static const struct {
		const char	*word;
		const char	*state;
	} states[] = {
		{ "in press", "inpress" }, { "to appear", "forthcoming" },
		{ "accepted", "forthcoming" }, { "forthcoming", "forthcoming" },
		{ "submitted", "submitted" }, { "under review", "submitted" },
		{ "in review", "submitted" }, { "in preparation",
		"inpreparation" }, { "prepublished", "prepublished" },
	};
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcasecmp(status, states[i].word) == 0)
			return states[i].state;
	return NULL;
}

/* Whether a patent's genre says it is an application, not a grant. */
static int
bu_application(const char *genre)
{
	return genre != NULL && (strstr(genre, "pplication") != NULL ||
	    strstr(genre, "rovisional") != NULL);
}

/* Volume, issue, number, edition. */
static void
bu_add_numbers(struct bu_rec *r)
{
	const struct entry *e = r->e;
	const char *issue = e->f[FIELD_ISSUE], *number = e->f[FIELD_NUMBER];
	int bibtex = r->o->format == FORMAT_BIBTEX;
	int series_numbered = r->t == TYPE_CONFERENCE ||
	    r->t == TYPE_WORKSHOP || r->t == TYPE_ABSTRACT ||
	    r->t == TYPE_POSTER || r->t == TYPE_DEMO ||
	    r->t == TYPE_CHAPTER || r->t == TYPE_BOOK ||
	    r->t == TYPE_EDITED_BOOK;

	bu_text(r, "VOLUME", e->f[FIELD_VOLUME], LEVEL_MAIN);
	bu_text(r, "EDITION", e->f[FIELD_EDITION], LEVEL_MAIN);
	/*
	 * plain.bst reads the number of a paper, chapter or book as its
	 * number in a series: it warns when there is a volume too, or no
	 * series.  Their issue is kept as "issue", which styles ignore.
	 */
	if (bibtex && series_numbered) {
		bu_out_text(r, "issue", issue);
		if (number != NULL) {
			bu_join(&r->note, "; ", "No. ");
			buf_puts(&r->note, number);
		}
		return;
	}
	/* plain.bst warns of an article's number without a volume. */
	if (bibtex && e->f[FIELD_VOLUME] == NULL && r->t == TYPE_ARTICLE)
		bu_out_text(r, "issue", issue);
	else
		bu_text(r, "ISSUE", issue, LEVEL_MAIN);
	if (number == NULL || (bibtex && e->type == TYPE_PATENT))
		return;		/* a patent's is in howpublished */
	if (r->o->format != FORMAT_RIS) {
		bu_text(r, "NUMBER", number, LEVEL_MAIN);
		return;
	}
	/*
	 * libbibutils writes a number as IS, the issue.  Zotero reads a
	 * report's or patent's number from SN, a patent application's
	 * from M1, and M1 of other types into "extra".
	 */
	if (r->t == TYPE_REPORT || (r->t == TYPE_PATENT &&
	    !bu_application(e->f[FIELD_GENRE])))
		bu_out_text(r, "SN", number);
	else
		bu_out_text(r, "M1", number);
}

/* Publisher, place, institution or school. */
static void
bu_add_publisher(struct bu_rec *r)
{
	const struct entry *e = r->e;
	const char *inst = e->f[FIELD_INSTITUTION];
	const char *pub = e->f[FIELD_PUBLISHER];

	bu_text(r, "ADDRESS", e->f[FIELD_PLACE] != NULL ?
	    e->f[FIELD_PLACE] : e->f[FIELD_AUTHORITY], LEVEL_MAIN);
	if (r->t == TYPE_THESIS) {
		bu_text(r, "DEGREEGRANTOR:ASIS", inst, LEVEL_MAIN);
		if (inst == NULL || r->o->tex)
			bu_text(r, "PUBLISHER", pub, LEVEL_MAIN);
		return;
	}
	if (r->o->tex) {
		/* A misc's publisher and institution are in howpublished. */
		if (!bu_is_misc(r->t))
			bu_text(r, "PUBLISHER", pub, LEVEL_MAIN);
		if (r->t == TYPE_REPORT)
			bu_out_text(r, "institution", inst);
		return;
	}
	/* RIS and the others have one publisher: a report's institution. */
	bu_text(r, "PUBLISHER", r->t == TYPE_REPORT && inst != NULL ? inst :
	    pub != NULL ? pub : inst, LEVEL_MAIN);
}

/* The genre: a report's or thesis's type, a patent's kind. */
static void
bu_add_genre(struct bu_rec *r)
{
	const char *g = r->e->f[FIELD_GENRE];

	if (g == NULL)
		return;
	switch (r->o->format) {
	case FORMAT_BIBTEX:
		if (r->t == TYPE_REPORT || r->t == TYPE_THESIS)
			bu_out_text(r, "type", g);
		break;
	case FORMAT_BIBLATEX:
		if (r->t == TYPE_PATENT || r->t == TYPE_THESIS)
			bu_out_text(r, "type", g);
		break;
	case FORMAT_RIS:
		if (r->t == TYPE_REPORT || r->t == TYPE_THESIS ||
		    r->t == TYPE_PATENT)
			bu_out_text(r, "M3", g);
		break;
	default:
		break;
	}
}

/* What a BibTeX @misc says of how it was published. */
static void
bu_add_howpublished(struct bu_rec *r)
{
	const struct entry *e = r->e;
	struct buf *b = &r->o->tmp;
	const enum field parts[] = { FIELD_GENRE, FIELD_CONTAINER,
	    FIELD_COLLECTION, FIELD_INSTITUTION, FIELD_PUBLISHER };
	size_t i;

	if (!r->o->tex || !bu_is_misc(r->t))
		return;
	buf_reset(b);
	if (e->type == TYPE_PATENT) {
		buf_puts(b, e->f[FIELD_GENRE] != NULL ? e->f[FIELD_GENRE] :
		    "Patent");
		if (e->f[FIELD_NUMBER] != NULL)
			bu_join(b, " ", e->f[FIELD_NUMBER]);
	} else {
		/* What stands for the venue, in the order it reads. */
		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			if (e->f[parts[i]] == NULL)
				continue;
			bu_join(b, ", ", e->f[parts[i]]);
			if (parts[i] == FIELD_CONTAINER &&
			    e->f[FIELD_CONTAINER_SHORT] != NULL) {
				buf_puts(b, " (");
				buf_puts(b, e->f[FIELD_CONTAINER_SHORT]);
				buf_putc(b, ')');
			}
		}
	}
	if (b->len > 0)
		bu_out_text(r, "howpublished", b->s);
}

/* The note: the status ("to appear", BibLaTeX's pubstate), the remarks. */
static void
bu_add_note(struct bu_rec *r)
{
	const struct entry *e = r->e;
	const char *status = e->f[FIELD_STATUS], *state;
	struct buf *b = &r->o->tmp;

	buf_reset(b);
	if (status != NULL && r->o->format == FORMAT_BIBLATEX) {
		state = bu_pubstate(status);
		bu_out_text(r, "pubstate", state != NULL ? state : status);
	} else if (status != NULL)
		buf_puts(b, status);
	if (e->f[FIELD_NOTE] != NULL)
		bu_join(b, "; ", e->f[FIELD_NOTE]);
	if (r->note.len > 0)
		bu_join(b, "; ", r->note.s);
	if (b->len > 0)
		bu_text(r, "NOTES", b->s, LEVEL_MAIN);
}

/*
 * DOI, URL, arXiv, ISBN.  libbibutils adds a URL made of the DOI and of
 * the arXiv identifier: in BibTeX that is a second "url" field, which
 * bibtex and biber warn of, and elsewhere it repeats the DOI.  Where the
 * output tags are known they are written directly (no derived URL, and
 * nothing to drop, which costs a rebuild of the record); elsewhere the
 * derived URL of the DOI is dropped.  The arXiv URL stays where the format
 * has no other place for the identifier.
 */
static void
bu_add_idents(struct bu_rec *r)
{
	const struct entry *e = r->e;
	const char *doi = e->f[FIELD_DOI], *url = e->f[FIELD_URL];
	const char *arxiv = e->f[FIELD_ARXIV];
	enum format fmt = r->o->format;
	char *derived;

	bu_raw(r, "ISBN", e->f[FIELD_ISBN], LEVEL_MAIN);
	if (r->o->tex) {
		bu_out_raw(r, "doi", doi);
		bu_out_raw(r, "url", url);
		if (arxiv != NULL && fmt == FORMAT_BIBTEX) {
			bu_out_raw(r, "archivePrefix", "arXiv");
			bu_out_raw(r, "eprint", arxiv);
		} else if (arxiv != NULL) {
			bu_out_raw(r, "eprint", arxiv);
			bu_out_raw(r, "eprinttype", "arxiv");
		}
		return;
	}
	bu_raw(r, "URL", url, LEVEL_MAIN);
	bu_raw(r, "ARXIV", arxiv, LEVEL_MAIN);
	if (fmt == FORMAT_RIS || fmt == FORMAT_ENDNOTE) {
		bu_out_raw(r, fmt == FORMAT_RIS ? "DO" : "%R", doi);
		return;
	}
	bu_raw(r, "DOI", doi, LEVEL_MAIN);
	if (doi != NULL) {
		xasprintf(&derived, "https://doi.org/%s", doi);
		if (url == NULL || strcmp(url, derived) != 0)
			bu_out_op(r, OP_DROPVAL, derived, NULL);
		free(derived);
	}
}

/*
 * BibTeX sorts by author; an entry without one needs a key to sort by
 * (plain.bst warns otherwise): its title.
 */
static void
bu_add_sortkey(struct bu_rec *r)
{
	const struct entry *e = r->e;

	/* plain.bst sorts by author; only a book may sort by its editors. */
	if (r->o->format == FORMAT_BIBTEX && e->authors.n == 0 &&
	    (e->editors.n == 0 || (r->t != TYPE_BOOK &&
	    r->t != TYPE_EDITED_BOOK)))
		bu_out_text(r, "key", e->f[FIELD_TITLE] != NULL ?
		    e->f[FIELD_TITLE] : e->key);
}

/*
 * One entry as a libbibutils record (NULL when out of memory).  Its
 * operations go into a record of their own, *ops, when ops is not NULL.
 */
static fields *
bu_record(struct out_bibutils *o, const struct entry *e, fields **ops)
{
	struct bu_rec r;
	const char *title = e->f[FIELD_TITLE];

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.e = e;
	if ((r.f = fields_new()) == NULL)
		return NULL;
	r.ops = r.f;
	if (ops != NULL && (r.ops = *ops = fields_new()) == NULL) {
		fields_delete(r.f);
		return NULL;
	}
	r.t = bu_type(&r);
	fields_add_can_dup(r.f, "REFNUM", e->key != NULL ? e->key : "", LEVEL_MAIN);
	bu_add_type(&r);
	bu_names(&r, "AUTHOR", &e->authors, LEVEL_MAIN);
	if (title != NULL && o->tex) {
		buf_reset(&o->esc);
		tex_title_append(&o->esc, title, o->latex);
		title = buf_str(&o->esc);
	}
	if (title != NULL)
		fields_add_can_dup(r.f, "TITLE", title, LEVEL_MAIN);
	bu_add_container(&r);
	bu_add_date(&r);
	bu_add_numbers(&r);
	bu_add_pages(&r);
	bu_add_publisher(&r);
	bu_add_genre(&r);
	bu_add_howpublished(&r);
	bu_add_note(&r);
	bu_add_idents(&r);
	bu_add_sortkey(&r);
	buf_free(&r.note);
	return r.f;
}

/*
 * Convert the values of f as bibl_write() would.  Direct writing is only
 * chosen where that conversion (UTF-8 to UTF-8) leaves valid UTF-8 as it
 * is, so only a value that is not valid (the reader lets none through) is
 * handed to libbibutils' str_convert(), with bibl_write()'s parameters.
 */
static void
bu_convert(struct out_bibutils *o, fields *f)
{
	str *v;
	int i;

	for (i = 0; i < f->n; i++) {
		v = fields_value(f, i, FIELDS_STRP_NOUSE);
		if (v->len > 0 && utf8_valid_prefix(v->data, v->len) < v->len)
			str_convert(v, BIBL_CHARSET_UNICODE, 0, 1, 0,
			    o->p.charsetout, o->p.latexout, o->p.utf8out,
			    o->p.xmlout);
	}
}

/*
 * bibl_write() of a batch, through a stream in memory: libbibutils'
 * writers flush their stream after every record, which on a file is a
 * write(2) a record.  The batch goes to the file in one piece, flushed
 * (as libbibutils did) so that an error shows with the batch that met it.
 * The stream is this thread's alone: with glibc it goes without locks,
 * which cost more than the write(2)s saved (the writers put a character
 * at a time).
 */
static int
bu_bibl_write(struct out_bibutils *o, bibl *b)
{
	char *s = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	if ((mem = open_memstream(&s, &len)) == NULL)
		return bibl_write(b, o->fp, &o->p) == BIBL_OK ? 0 : -1;
#ifdef __GLIBC__
	__fsetlocking(mem, FSETLOCKING_BYCALLER);
#endif
	rc = bibl_write(b, mem, &o->p) == BIBL_OK ? 0 : -1;
	if (fclose(mem) != 0)
		rc = -1;
	if (rc == 0 && len > 0 && fwrite(s, 1, len, o->fp) != len)
		rc = -1;
	free(s);
	if (rc == 0 && fflush(o->fp) != 0)
		rc = -1;
	return rc;
}

/* Make room for a batch of n records. */
static void
bu_batch_grow(struct out_bibutils *o, size_t n)
{
	size_t i;

	if (n <= o->capbatch)
		return;
	if (n < 2 * o->capbatch)
		n = 2 * o->capbatch;
	o->batch = xreallocarray(o->batch, n, sizeof(*o->batch));
	o->stubs = xreallocarray(o->stubs, n, sizeof(*o->stubs));
	for (i = o->capbatch; i < n; i++)
		o->stubs[i] = &o->stub;
	o->capbatch = n;
}

/* Free the records of the batch written directly. */
static void
bu_batch_clear(struct out_bibutils *o)
{
	size_t i;

	for (i = 0; i < o->nbatch; i++) {
		fields_delete(o->batch[i].rec);
		fields_delete(o->batch[i].ops);
	}
	o->nbatch = 0;
}

/*
 * Write the batch directly: bibl_write() is handed empty stubs, which it
 * has nothing to convert in, and the hooks hand libbibutils' steps the
 * records themselves.
 */
static int
bu_write_direct(struct out_bibutils *o)
{
	bibl b;
	int rc;

	b.n = b.max = (long)o->nbatch;
	b.ref = o->stubs;
	bu_current = o;
	rc = bu_bibl_write(o, &b);
	bu_current = NULL;
	bu_batch_clear(o);
	return rc;
}

int
out_bibutils_put(struct out_bibutils *o, const struct entry *e)
{
	struct bu_batch *bb;
	fields *f;

	if (o->direct) {
		bu_batch_grow(o, o->nbatch + 1);
		bb = &o->batch[o->nbatch];
		if ((bb->rec = bu_record(o, e, &bb->ops)) == NULL)
			return -1;
		o->nbatch++;
		bu_convert(o, bb->rec);
		bu_convert(o, bb->ops);
		return 0;
	}
	/* Written at close (the XML formats), or at the next flush. */
	if ((f = bu_record(o, e, NULL)) == NULL)
		return -1;
	if (bibl_addref(o->streams ? &o->staged : &o->pending, f) !=
	    BIBL_OK) {
		fields_delete(f);
		return -1;
	}
	return 0;
}

int
out_bibutils_flush(struct out_bibutils *o)
{
	int rc = 0;

	if (o->direct && o->nbatch > 0)
		rc = bu_write_direct(o);
	else if (o->staged.n > 0) {
		rc = bu_bibl_write(o, &o->staged);
		bibl_free(&o->staged);		/* and empty again */
	}
	return rc == 0 && !ferror(o->fp) ? 0 : -1;
}

int
out_bibutils_write(struct out_bibutils *o, struct entry *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out_bibutils_put(o, v[i]) == -1) {
			bu_batch_clear(o);
			bibl_free(&o->staged);
			return -1;
		}
	return out_bibutils_flush(o);
}

int
out_bibutils_close(struct out_bibutils *o)
{
	int rc = 0;

	if (!o->streams && bibl_write(&o->pending, o->fp, &o->p) != BIBL_OK)
		rc = -1;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		rc = -1;
	bibl_free(&o->pending);
	bibl_free(&o->staged);
	bu_batch_clear(o);
	buf_free(&o->tmp);
	buf_free(&o->esc);
	free(o->batch);
	free(o->stubs);
	bibl_freeparams(&o->p);
	free(o);
	return rc;
}
