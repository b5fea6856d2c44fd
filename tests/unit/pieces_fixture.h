/*
 * pieces_fixture.h -- strings with one or two pieces at every place, for
 * the tests that compare fast code with a byte-at-a-time model.
 *
 * A fast path goes wrong where a piece meets a word boundary, a block of
 * eight bytes or the end of the string: each test puts its own pieces
 * (markers, entities, punctuation, UTF-8) at every such place.
 */
#ifndef CV2BIB_PIECES_FIXTURE_H
#define CV2BIB_PIECES_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

/*
 * Call check(s, q, arg) for every s made of base[0..len) with piece p
 * inserted at i and piece q at j, for all i <= j <= len and all pairs of
 * the n pieces (q tells the check which second piece it got).
 */
static void
pieces_each(const char *base, size_t len, const char *const *pieces,
    size_t n, void (*check)(const char *, size_t, void *), void *arg)
{
	char s[256];
	size_t i, j, p, q;
	int w;

	for (i = 0; i <= len; i++)
		for (p = 0; p < n; p++)
			for (j = i; j <= len; j++)
				for (q = 0; q < n; q++) {
					w = snprintf(s, sizeof(s),
					    "%.*s%s%.*s%s%.*s", (int)i, base,
					    pieces[p], (int)(j - i), base + i,
					    pieces[q], (int)(len - j),
					    base + j);
					/* A cut string would test less. */
					if (w < 0 || (size_t)w >= sizeof(s))
						abort();
					check(s, q, arg);
				}
}

#endif
