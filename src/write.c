/*
 * write.c -- the formats, and a writer that dispatches to the module that
 * writes each (see write.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out_bibutils.h"
#include "out_csl.h"
#include "write.h"
#include "xmalloc.h"

static const struct {
	const char	*name;
	const char	*description;
	const char	*ext[3];	/* -o extensions that choose it */
} formats[FORMAT__COUNT] = {
	[FORMAT_BIBTEX] = { "bibtex", "BibTeX (the default)", { ".bib",
	    ".bibtex", NULL } },
	[FORMAT_BIBLATEX] = { "biblatex", "BibLaTeX, for biber", { NULL } },
	[FORMAT_RIS] = { "ris", "RIS (Zotero, EndNote, Mendeley)", { ".ris",
	    NULL } },
	[FORMAT_CSL_JSON] = { "csl-json", "CSL-JSON (pandoc, citeproc, Zotero)",
	    { ".json", NULL } },
	[FORMAT_MODS] = { "mods", "MODS XML", { ".xml", ".mods", NULL } },
	[FORMAT_ENDNOTE] = { "endnote", "EndNote tagged (refer)", { ".enw",
	    ".end", NULL } },
	[FORMAT_ENDNOTE_XML] = { "endnote-xml", "EndNote XML", { NULL } },
	[FORMAT_WORD2007] = { "word2007", "Word 2007 bibliography XML",
	    { NULL } },
	[FORMAT_ADS] = { "ads", "ADS tagged", { ".ads", NULL } },
	[FORMAT_ISI] = { "isi", "ISI Web of Science tagged", { ".isi",
	    NULL } },
	[FORMAT_NBIB] = { "nbib", "PubMed NBIB", { ".nbib", NULL } },
};

struct writer {
	enum format		 format;
	FILE			*fp;
	struct out_bibutils	*bu;
	struct out_csl		*csl;
};

const char *
format_name(enum format f)
{
	return f < FORMAT__COUNT ? formats[f].name : "?";
}

const char *
format_description(enum format f)
{
	return f < FORMAT__COUNT ? formats[f].description : "?";
}

/* Whether this build writes f: CSL-JSON always, the rest as libbibutils. */
int
format_available(enum format f)
{
	return f == FORMAT_CSL_JSON || out_bibutils_available(f);
}

/* The format named s (also "csl" and "json"), or FORMAT__COUNT. */
enum format
format_from_name(const char *s)
{
	int f;

	for (f = 0; f < FORMAT__COUNT; f++)
		if (strcmp(s, formats[f].name) == 0)
			return (enum format)f;
	if (strcmp(s, "csl") == 0 || strcmp(s, "json") == 0)
		return FORMAT_CSL_JSON;
	return FORMAT__COUNT;
}

/* The format an output file's extension names, or FORMAT__COUNT. */
enum format
format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	int f, i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return FORMAT__COUNT;
	for (f = 0; f < FORMAT__COUNT; f++)
		for (i = 0; i < 3 && formats[f].ext[i] != NULL; i++)
			if (strcasecmp(dot, formats[f].ext[i]) == 0)
				return (enum format)f;
	return FORMAT__COUNT;
}

/* A writer of f to fp, or NULL with *cause set. */
struct writer *
writer_open(enum format f, FILE *fp, const struct write_opts *opts,
    char **cause)
{
	struct writer *w;

	if (!format_available(f)) {
		xasprintf(cause, "format %s is not available in this build",
		    format_name(f));
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->format = f;
	w->fp = fp;
	if (f == FORMAT_CSL_JSON)
		w->csl = out_csl_open(fp);
	else if ((w->bu = out_bibutils_open(f, fp, opts != NULL &&
	    opts->latex, cause)) == NULL) {
		free(w);
		return NULL;
	}
	return w;
}

int
writer_put(struct writer *w, const struct entry *e)
{
	int rc;

	if (w->csl != NULL)
		rc = out_csl_put(w->csl, e);
	else
		rc = out_bibutils_put(w->bu, e);
	return rc == 0 && !ferror(w->fp) ? 0 : -1;
}

/* Write a batch; a stream error (ferror) is an error too. */
int
writer_write(struct writer *w, struct entry *const *v, size_t n)
{
	int rc;

	if (w->csl != NULL)
		rc = out_csl_write(w->csl, v, n);
	else
		rc = out_bibutils_write(w->bu, v, n);
	return rc == 0 && !ferror(w->fp) ? 0 : -1;
}

/* CSL-JSON makes its items on the parsing threads; the others do not. */
struct writer_prep {
	struct out_csl_prep	*csl;
};

struct writer_prep *
writer_prep_new(const struct writer *w)
{
	struct writer_prep *p;

	if (w->csl == NULL)
		return NULL;
	p = xmalloc(sizeof(*p));
	p->csl = out_csl_prep_new();
	return p;
}

void
writer_prep_free(struct writer_prep *p)
{
	if (p == NULL)
		return;
	out_csl_prep_free(p->csl);
	free(p);
}

int
writer_prep(struct writer_prep *p, const struct entry *e, struct buf *b)
{
	return out_csl_prep(p->csl, e, b);
}

int
writer_add(struct writer *w, const char *key, const char *text, size_t len)
{
	return out_csl_add(w->csl, key, text, len);
}

int
writer_flush(struct writer *w)
{
	int rc;

	if (w->csl != NULL)
		rc = out_csl_flush(w->csl);
	else
		rc = out_bibutils_flush(w->bu);
	return rc == 0 && !ferror(w->fp) ? 0 : -1;
}

/* Finish the output (the XML formats are written now); free w. */
int
writer_close(struct writer *w)
{
	int rc;

	if (w->csl != NULL)
		rc = out_csl_close(w->csl);
	else
		rc = out_bibutils_close(w->bu);
	if (ferror(w->fp))
		rc = -1;
	free(w);
	return rc;
}
