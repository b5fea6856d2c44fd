/*
 * out_csl.c -- CSL-JSON through jansson (see out_csl.h).
 *
 * Items follow the CSL 1.0.2 data schema.  The array is written item by
 * item, so nothing but the current item is held in memory.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "out_csl.h"
#include "xmalloc.h"

struct out_csl {
	FILE	*fp;
	size_t	 items;
};

/* The CSL type of each entry type, and a genre where CSL has no type. */
static const struct {
	const char	*type;
	const char	*genre;
} csl_types[TYPE__COUNT] = {
	[TYPE_UNKNOWN] = { "document", NULL },
	[TYPE_ARTICLE] = { "article-journal", NULL },
	[TYPE_CONFERENCE] = { "paper-conference", NULL },
	[TYPE_WORKSHOP] = { "paper-conference", "Workshop paper" },
	[TYPE_ABSTRACT] = { "paper-conference", "Extended abstract" },
	[TYPE_POSTER] = { "speech", "Poster" },	/* as CSL 1.0.2 says */
	[TYPE_DEMO] = { "paper-conference", "Demo" },
	[TYPE_PREPRINT] = { "article", "Preprint" },
	[TYPE_REPORT] = { "report", NULL },
	[TYPE_THESIS] = { "thesis", NULL },
	[TYPE_BOOK] = { "book", NULL },
	[TYPE_EDITED_BOOK] = { "book", NULL },
	[TYPE_CHAPTER] = { "chapter", NULL },
	[TYPE_PATENT] = { "patent", NULL },
	[TYPE_TALK] = { "speech", NULL },
	[TYPE_SOFTWARE] = { "software", NULL },
	[TYPE_MISC] = { "document", NULL },
	[TYPE_NONE] = { "document", NULL },
};

/* Plain-text fields and their CSL variables, in output order. */
static const struct {
	enum field	 field;
	const char	*var;
} csl_vars[] = {
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
	{ FIELD_STATUS, "status" },
	{ FIELD_DOI, "DOI" },
	{ FIELD_URL, "URL" },
	{ FIELD_ISBN, "ISBN" },
	{ FIELD_NOTE, "note" },
};

struct out_csl *
out_csl_open(FILE *fp)
{
	struct out_csl *o = xcalloc(1, sizeof(*o));

	o->fp = fp;
	return o;
}

static void
csl_set_str(json_t *obj, const char *key, const char *value)
{
	if (value != NULL && *value != '\0')
		json_object_set_new(obj, key, json_string(value));
}

static json_t *
csl_names(const struct namelist *nl)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < nl->n; i++) {
		const struct name *n = &nl->v[i];
		json_t *o = json_object();

		if (n->flags & NAME_LITERAL) {
			csl_set_str(o, "literal", n->family);
		} else {
			csl_set_str(o, "family", n->family);
			csl_set_str(o, "given", n->given);
			csl_set_str(o, "non-dropping-particle", n->particle);
			csl_set_str(o, "suffix", n->suffix);
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

/* "2021" (and "10") as date-parts; NULL if the year is not a number. */
static json_t *
csl_date(const struct entry *e)
{
	json_t *parts;
	long y, m;
	char *end;

	if (e->f[FIELD_YEAR] == NULL)
		return NULL;
	y = strtol(e->f[FIELD_YEAR], &end, 10);
	if (*end != '\0' || y <= 0)
		return NULL;
	parts = json_array();
	json_array_append_new(parts, json_integer(y));
	if (e->f[FIELD_MONTH] != NULL) {
		m = strtol(e->f[FIELD_MONTH], &end, 10);
		if (*end == '\0' && m >= 1 && m <= 12) {
			json_array_append_new(parts, json_integer(m));
			if (e->f[FIELD_DAY] != NULL)
				json_array_append_new(parts, json_integer(
				    strtol(e->f[FIELD_DAY], NULL, 10)));
		}
	}
	return json_pack("{s:[o]}", "date-parts", parts);
}

/* One entry as a CSL item; the caller owns the reference. */
static json_t *
csl_item(const struct entry *e)
{
	json_t *item = json_object(), *date;
	enum entry_type t = e->type < TYPE__COUNT ? e->type : TYPE_MISC;
	size_t i;
	char *number = NULL;

	csl_set_str(item, "id", e->key != NULL ? e->key : "");
	csl_set_str(item, "type", csl_types[t].type);
	if (e->authors.n > 0)
		json_object_set_new(item, "author", csl_names(&e->authors));
	if (e->editors.n > 0)
		json_object_set_new(item, "editor", csl_names(&e->editors));
	if ((date = csl_date(e)) != NULL)
		json_object_set_new(item, "issued", date);
	for (i = 0; i < sizeof(csl_vars) / sizeof(csl_vars[0]); i++) {
		const char *v = e->f[csl_vars[i].field];

		/* A preprint's number is its arXiv identifier. */
		if (csl_vars[i].field == FIELD_NUMBER && v == NULL &&
		    e->f[FIELD_ARXIV] != NULL) {
			xasprintf(&number, "arXiv:%s", e->f[FIELD_ARXIV]);
			v = number;
		}
		if (csl_vars[i].field == FIELD_GENRE && v == NULL)
			v = csl_types[t].genre;
		if (csl_vars[i].field == FIELD_PUBLISHER && v == NULL)
			v = e->f[FIELD_INSTITUTION];
		csl_set_str(item, csl_vars[i].var, v);
	}
	free(number);
	return item;
}

char *
out_csl_item(const struct entry *e)
{
	json_t *item = csl_item(e);
	char *s = json_dumps(item, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(item);
	if (s == NULL) {
		fputs("cv2bib: out of memory\n", stderr);
		exit(2);
	}
	return s;
}

/* Indent each line of s by two spaces: items inside the array. */
static void
csl_put_indented(FILE *fp, const char *s)
{
	const char *nl;

	for (;;) {
		fputs("  ", fp);
		if ((nl = strchr(s, '\n')) == NULL)
			break;
		fwrite(s, 1, (size_t)(nl - s + 1), fp);
		s = nl + 1;
	}
	fputs(s, fp);
}

int
out_csl_write(struct out_csl *o, struct entry *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *s = out_csl_item(v[i]);

		fputs(o->items++ == 0 ? "[\n" : ",\n", o->fp);
		csl_put_indented(o->fp, s);
		free(s);
	}
	return ferror(o->fp) ? -1 : 0;
}

int
out_csl_close(struct out_csl *o)
{
	int rc;

	fputs(o->items == 0 ? "[]\n" : "\n]\n", o->fp);
	rc = ferror(o->fp) ? -1 : 0;
	free(o);
	return rc;
}

const char *
out_csl_library_version(void)
{
	return JANSSON_VERSION;
}
