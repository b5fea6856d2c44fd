/*
 * needles.h -- the text a pattern cannot match without.
 *
 * Most rules match few entries, and PCRE2 can only find that out by trying
 * its pattern at every position of the subject.  Most patterns hold text
 * that every match must contain: a literal ("ISBN", "arXiv" or "bioRxiv"),
 * but also a shape made of digits, blanks and punctuation ("12(3)", "0, 0",
 * ". . .").  When none of these needles is in the subject, the rule cannot
 * match and need not be tried.
 *
 * Needles and subjects are compared in a "shadow" form, in which every
 * run of white space is one " ", every run of digits one "0" and ASCII
 * letters are small: "Vol. 12,  pp. 3-9" is "vol. 0, pp. 0-0".  So "\s*",
 * "\d{1,4}", "[0-9]+" and "(?:19|20)\d\d" have needles too.  White space
 * and digits are meant as PCRE2 means \s and \d with PCRE2_UCP (the unit
 * tests check every code point against the library).
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
 * The needles of a PCRE2 pattern compiled with PCRE2_UTF and PCRE2_UCP
 * (caseless: with PCRE2_CASELESS; extended: with PCRE2_EXTENDED), or NULL
 * if it has none this module can be sure of.  The caller frees the result.
 */
struct needles	*needles_new(const char *pattern, size_t len, int caseless,
		    int extended);
void		 needles_free(struct needles *);

/*
 * A subject in shadow form, for needles_maybe(), with the pairs and the
 * triples of adjacent bytes it holds (hashed) to turn most needles away
 * before a search: with pairs alone, nine needles in ten that got past
 * them were not there ("thesis" in "the ... hesitant ... basis").
 * Summarised once, a subject is checked against many rules cheaply.
 * Zero it before first use; it keeps its buffers from one subject to the
 * next until needles_sum_free().
 */
#define NEEDLES_PAIRS	2048	/* a power of two */
#define NEEDLES_TRIS	4096	/* a power of two */

struct needles_sum {
	/* gen: the pair (or from NEEDLES_PAIRS on, the triple) is there */
	uint16_t	 pairs[NEEDLES_PAIRS + NEEDLES_TRIS];
	uint16_t	 gen;
	char		*text;		/* the shadow */
	size_t		 len, cap;
};

void		 needles_summarise(struct needles_sum *, const char *s,
		    size_t len);
void		 needles_sum_free(struct needles_sum *);

/*
 * 0 if no needle is in the summarised subject (then the pattern cannot
 * match), 1 if one is.
 */
int		 needles_maybe(const struct needles *,
		    const struct needles_sum *);

/*
 * The entries (pairs or triples) that the needles are checked at first,
 * each once, into out[0..max): their number, or 0 if there are more than
 * max or one of the needles is a single byte (it has neither).  A subject
 * whose summary holds none of these holds none of the needles: a caller
 * that keeps them beside its other data turns most subjects away without
 * reading the needles themselves.
 */
size_t		 needles_first_pairs(const struct needles *, uint16_t *out,
		    size_t max);

/*
 * Needles as bytes, for a file of compiled rules (see rules.h): appended
 * to *out; NULL (no needles) is written too.  needles_decode() reads
 * them back from p[0..len): 1 and the needles (or NULL) in *nd, or 0 if
 * the bytes are not what needles_encode() writes.  The needles read the
 * bytes where they lie, unchanged: p must outlive them.
 */
struct buf;
void		 needles_encode(const struct needles *, struct buf *out);
int		 needles_decode(const char *p, size_t len, struct needles **nd);

/*
 * What the bytes of needles_encode() mean to this build (the encoding,
 * the sizes, how pairs and triples are hashed and bytes ranked): a file
 * of them made by a build with another signature must not be read.
 */
uint32_t	 needles_signature(void);

/* The number of needles and the i-th one, in shadow form; for the tests. */
size_t		 needles_count(const struct needles *);
const char	*needles_get(const struct needles *, size_t i, size_t *len);

/*
 * How a code point reads in shadow form: ' ' for white space, '0' for a
 * digit, 'k' and 's' for KELVIN SIGN and LONG S (which PCRE2 takes for
 * them without case), else 0 (ASCII letters are folded apart from this).
 * For the tests, which check it against PCRE2.
 */
int		 needles_shadow_class(uint32_t c);

#endif
