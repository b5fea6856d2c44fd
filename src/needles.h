/*
 * needles.h -- the literal text a pattern cannot match without.
 *
 * Most rules match few entries, and PCRE2 can only find that out by trying
 * its pattern at every position of the subject.  Many patterns hold a
 * literal that every match must contain ("ISBN", "arXiv" or "bioRxiv",
 * "Acceptance"): when none of these needles is in the subject, the rule
 * cannot match and need not be tried.
 *
 * The needles are read from the pattern's text by a deliberately small
 * parser: a construct it does not know (inline options, conditions,
 * recursion, back-references, \Q...\E, extended mode) gives no needles
 * rather than a guess, so a rule is never skipped that could match.
 */
#ifndef CV2BIB_NEEDLES_H
#define CV2BIB_NEEDLES_H

#include <stddef.h>
#include <stdint.h>

struct needles;

/*
 * The needles of a PCRE2 pattern compiled with PCRE2_UTF (caseless: with
 * PCRE2_CASELESS; extended: with PCRE2_EXTENDED), or NULL if it has none
 * this module can be sure of.  The caller frees the result.
 */
struct needles	*needles_new(const char *pattern, size_t len, int caseless,
		    int extended);
void		 needles_free(struct needles *);

/*
 * What a subject holds, for needles_maybe(): which bytes and which pairs of
 * adjacent bytes (ASCII letters folded to small, pairs hashed to bits).
 * Summarised once, a subject is checked against many rules cheaply.
 */
#define NEEDLES_PAIRS	2048	/* a power of two */

struct needles_sum {
	uint64_t	bytes[256 / 64];
	uint64_t	pairs[NEEDLES_PAIRS / 64];
};

void		 needles_summarise(struct needles_sum *, const char *s,
		    size_t len);
/*
 * 0 if no needle can be in the summarised subject (then the pattern
 * cannot match), 1 if one may be.
 */
int		 needles_maybe(const struct needles *,
		    const struct needles_sum *);

/* The number of needles and the i-th one; for the tests. */
size_t		 needles_count(const struct needles *);
const char	*needles_get(const struct needles *, size_t i, size_t *len);

#endif
