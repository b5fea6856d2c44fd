/*
 * norm.c -- normalise the fields with rules (see norm.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "norm.h"
#include "rules.h"
#include "xmalloc.h"

/* Replace *s by the rules of set applied to it; NULL if it became "". */
static void
norm_string(const struct rules *rules, const char *set, char **s)
{
	char *v;

	if (*s == NULL)
		return;
	v = rules_apply(rules, set, *s);
	free(*s);
	if (*v == '\0') {
		free(v);
		v = NULL;
	}
	*s = v;
}

static void
norm_names(const struct rules *rules, struct namelist *nl, int given,
    int family)
{
	size_t i;

	for (i = 0; i < nl->n; i++) {
		if (given)
			norm_string(rules, "given", &nl->v[i].given);
		if (family)
			norm_string(rules, "family", &nl->v[i].family);
	}
}

void
norm_entry(const struct rules *rules, struct entry *e)
{
	int f, given = rules_count(rules, "given") > 0;
	int family = rules_count(rules, "family") > 0;
	const char *v;

	for (f = 0; f < FIELD__COUNT; f++) {
		const char *set = entry_field_name((enum field)f);

		if (e->f[f] != NULL && rules_count(rules, set) > 0)
			norm_string(rules, set, &e->f[f]);
	}
	if (given || family) {
		norm_names(rules, &e->authors, given, family);
		norm_names(rules, &e->editors, given, family);
	}
	if (e->type == TYPE_PATENT && e->f[FIELD_AUTHORITY] == NULL &&
	    e->f[FIELD_NUMBER] != NULL &&
	    (v = rules_classify(rules, "patent-office",
	    e->f[FIELD_NUMBER])) != NULL)
		entry_set(e, FIELD_AUTHORITY, v);
}
