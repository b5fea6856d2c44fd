/*
 * norm.h -- the sixth stage: normalise the fields with rules.
 *
 * Each field is passed through the rules named after it (a "container"
 * rule drops "Proceedings of the", a "pages" rule turns "–" into "-", a
 * "month" rule turns "October" into "10"), and each name part through the
 * "given" and "family" rules.  A patent without a jurisdiction gets one
 * from its number through the "patent-office" rules.  Fields the rules empty
 * are removed.
 */
#ifndef CV2BIB_NORM_H
#define CV2BIB_NORM_H

struct entry;
struct rules;

void	norm_entry(const struct rules *, struct entry *);

#endif
