/*
 * dedup.h -- the same work listed twice.
 *
 * Two entries are the same work when the first author's family name and
 * the title (and the number, for patents and reports) agree once folded
 * to lower-case ASCII letters and digits: the year may differ (a workshop
 * version and the conference paper).  Only a
 * 64-bit fingerprint and a line number are kept per entry.
 */
#ifndef CV2BIB_DEDUP_H
#define CV2BIB_DEDUP_H

struct entry;
struct dedup;

struct dedup	*dedup_new(void);
void		 dedup_free(struct dedup *);
/*
 * The line of an earlier entry that is the same work as e, or 0; e is
 * remembered either way.  An entry without a title is never a duplicate.
 */
unsigned long	 dedup_check(struct dedup *, const struct entry *e);

#endif
