/*
 * entry.c -- the entry model (see entry.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "xmalloc.h"

static const char *const type_names[TYPE__COUNT] = {
	"unknown", "article", "magazine", "review", "conference", "workshop", "abstract",
	"poster", "demo", "preprint", "report", "thesis", "book",
	"edited-book", "chapter", "patent", "talk", "software", "misc",
	"none"
};

static const char *const field_names[FIELD__COUNT] = {
	"title", "container", "container-short", "collection", "year",
	"month", "day", "volume", "issue", "pages", "edition", "publisher",
	"place", "institution", "number", "genre", "authority", "doi",
	"arxiv", "url", "isbn", "status", "note"
};

struct entry *
entry_new(void)
{
	return xcalloc(1, sizeof(struct entry));
}

void
name_clear(struct name *nm)
{
	free(nm->family);
	free(nm->given);
	free(nm->particle);
	free(nm->suffix);
	memset(nm, 0, sizeof(*nm));
}

void
namelist_clear(struct namelist *nl)
{
	size_t i;

	for (i = 0; i < nl->n; i++)
		name_clear(&nl->v[i]);
	free(nl->v);
	memset(nl, 0, sizeof(*nl));
}

struct name *
namelist_add(struct namelist *nl)
{
	if (nl->n == nl->cap) {
		nl->cap = nl->cap ? nl->cap * 2 : 8;
		nl->v = xreallocarray(nl->v, nl->cap, sizeof(*nl->v));
	}
	memset(&nl->v[nl->n], 0, sizeof(nl->v[0]));
	return &nl->v[nl->n++];
}

void
entry_free(struct entry *e)
{
	int i;

	if (e == NULL)
		return;
	for (i = 0; i < FIELD__COUNT; i++)
		free(e->f[i]);
	namelist_clear(&e->authors);
	namelist_clear(&e->editors);
	free(e->key);
	free(e->label);
	free(e);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
entry_set_take(struct entry *e, enum field f, char *s)
{
	free(e->f[f]);
	e->f[f] = s;
}

void
entry_set(struct entry *e, enum field f, const char *s)
{
	entry_set_take(e, f, dup_or_null(s));
}

const char *
entry_get(const struct entry *e, enum field f)
{
	return e->f[f];
}

void
entry_add_note(struct entry *e, const char *s)
{
	char *joined;

	if (s == NULL || *s == '\0')
		return;
	if (e->f[FIELD_NOTE] == NULL) {
		entry_set(e, FIELD_NOTE, s);
		return;
	}
	xasprintf(&joined, "%s; %s", e->f[FIELD_NOTE], s);
	entry_set_take(e, FIELD_NOTE, joined);
}

void
entry_list_init(struct entry_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
entry_list_add(struct entry_list *l, struct entry *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = e;
}

void
entry_list_clear(struct entry_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		entry_free(l->v[i]);
	free(l->v);
	entry_list_init(l);
}

const char *
entry_type_name(enum entry_type t)
{
	return t < TYPE__COUNT ? type_names[t] : "unknown";
}

enum entry_type
entry_type_from_name(const char *s)
{
	int i;

	for (i = 0; i < TYPE__COUNT; i++)
		if (strcmp(type_names[i], s) == 0)
			return (enum entry_type)i;
	return TYPE__COUNT;
}

const char *
entry_field_name(enum field f)
{
	return f < FIELD__COUNT ? field_names[f] : "?";
}

enum field
entry_field_from_name(const char *s)
{
	int i;

	for (i = 0; i < FIELD__COUNT; i++)
		if (strcmp(field_names[i], s) == 0)
			return (enum field)i;
	return FIELD__COUNT;
}
