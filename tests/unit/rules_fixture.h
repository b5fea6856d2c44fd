/*
 * rules_fixture.h -- load the shipped rule files for a unit test.
 *
 * The tests use the rules in the source tree ($CV2BIB_DATADIR, which
 * "make check" sets), so that a change to data/ is tested with the code.
 */
#ifndef CV2BIB_RULES_FIXTURE_H
#define CV2BIB_RULES_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "rules.h"

static struct rules *
fixture_rules(void)
{
	static const char *const files[] = {
		"markup.rules", "sections.rules", "names.rules", "fields.rules",
		"venues.rules", "types.rules", "title.rules",
	};
	const char *dir = getenv("CV2BIB_DATADIR");
	struct rules *r = rules_new();
	char path[4096], *cause = NULL;
	size_t i;

	if (dir == NULL)
		dir = DATADIR;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (rules_load_file(r, path, &cause) == -1) {
			fprintf(stderr, "%s\n", cause);
			abort();
		}
	}
	return r;
}

/* The rules of a test program, loaded by its group setup. */
static struct rules *rules;

static int
fixture_setup(void **state)
{
	(void)state;
	rules = fixture_rules();
	return 0;
}

static int
fixture_teardown(void **state)
{
	(void)state;
	rules_free(rules);
	return 0;
}

#endif
