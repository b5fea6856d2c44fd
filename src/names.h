/*
 * names.h -- author lists: where they end, and each name's parts.
 *
 * Three orders are recognised, name by name: natural ("Gerald Q. Maguire
 * Jr."), inverted ("Maguire, Jr., G. Q.", "Last, F. M."), and Vancouver
 * ("Maguire GQ").  Separators are commas, semicolons, "and" and "&"; "et al."
 * and "and others" end a list.  Particles ("van der") and suffixes ("Jr.")
 * come from the "particle" and "suffix" rules (names.rules).  Marks of equal
 * contribution or correspondence (* † ‡ #) become flags.
 */
#ifndef CV2BIB_NAMES_H
#define CV2BIB_NAMES_H

#include <stddef.h>

struct namelist;
struct name;
struct rules;

/*
 * Read the author list at the start of s into nl.  Returns the number of
 * bytes it covers, its closing punctuation and blanks included, or 0 when s
 * does not start with a name.  *ended says the list closed with a clear
 * terminator (". ", ":", "(" or a quote), not merely at a non-name.
 */
size_t	names_scan(const struct rules *, const char *s, struct namelist *nl,
	    int *ended);
/* Read the whole of s as a list of names (editors, inventors). */
void	names_parse(const struct rules *, const char *s, struct namelist *nl);
/* Set NAME_SELF on the names that occur in any of the n strings. */
void	names_mark_self(struct namelist *, const char *const *self, size_t n);

#endif
