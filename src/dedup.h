/*
 * dedup.h -- the same work listed twice.
 *
 * Two entries are the same work when
 *   - their titles agree once case-folded, with diacritics folded
 *     ("Ö" -> "o") and punctuation and spaces removed,
 *   - their first authors (or, with no authors, first editors) have the
 *     same family name, folded the same way,
 *   - their years are at most one apart, or one of them has none: a
 *     workshop paper and its conference version, a preprint and the
 *     published paper, often straddle a new year, while a recurring title
 *     ("Editorial", "Annual report") two or more years apart is another
 *     work,
 *   - both or neither are talks: a talk named after a paper presents it,
 *     it is no second copy of it,
 *   - and, for patents and reports, their numbers agree (a US and a PCT
 *     filing share a title).
 * A title that folds to fewer than four bytes is never a duplicate.
 * Only a 64-bit fingerprint, the year and a line number are kept per
 * entry (a 24-byte slot), never the strings.
 */
#ifndef CV2BIB_DEDUP_H
#define CV2BIB_DEDUP_H

#include <stdint.h>

struct buf;
struct entry;
struct dedup;

/*
 * An entry's fingerprint: dedup_check() in two steps, so that the first,
 * which needs no other entry, is done on any thread.
 */
struct dedup_print {
	uint64_t	 hash;		/* 0: never a duplicate */
	int32_t		 year;		/* 0: unknown */
};

struct dedup	*dedup_new(void);
void		 dedup_free(struct dedup *);
/*
 * The line of the first earlier entry that is the same work as e, or 0;
 * e is remembered either way (so a third version matches the second even
 * when it is two years from the first).
 */
unsigned long	 dedup_check(struct dedup *, const struct entry *e);
/* Fill in e's fingerprint; tmp is scratch space, the caller's. */
void		 dedup_print(const struct entry *e, struct buf *tmp,
		    struct dedup_print *);
/* dedup_check() of the entry at line with that fingerprint. */
unsigned long	 dedup_check_print(struct dedup *, const struct dedup_print *,
		    unsigned long line);

#endif
