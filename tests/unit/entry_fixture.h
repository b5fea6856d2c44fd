/*
 * entry_fixture.h -- build entries for the unit tests of later stages.
 */
#ifndef CV2BIB_ENTRY_FIXTURE_H
#define CV2BIB_ENTRY_FIXTURE_H

#include "entry.h"
#include "xmalloc.h"

/* Add a name: family, given, particle, suffix (any may be NULL). */
static void
add_name(struct namelist *nl, const char *family, const char *given,
    const char *particle, const char *suffix)
{
	struct name *n = namelist_add(nl);

	n->family = family ? xstrdup(family) : NULL;
	n->given = given ? xstrdup(given) : NULL;
	n->particle = particle ? xstrdup(particle) : NULL;
	n->suffix = suffix ? xstrdup(suffix) : NULL;
}

/* An entry of type t with a title and year, by the named first author. */
static struct entry *
make_entry(enum entry_type t, const char *family, const char *year,
    const char *title)
{
	struct entry *e = entry_new();

	e->type = t;
	if (family != NULL)
		add_name(&e->authors, family, "A.", NULL, NULL);
	entry_set(e, FIELD_YEAR, year);
	entry_set(e, FIELD_TITLE, title);
	e->line = 1;
	return e;
}

#endif
