/*
 * names.h -- author lists: where they end, and each name's parts.
 *
 * Three orders are recognised, name by name: natural ("Gerald Q. Maguire
 * Jr."), inverted ("Maguire, Jr., G. Q.", "Last, F. M."), and Vancouver
 * ("Maguire GQ").  Separators are commas, semicolons, "and" and "&"; "et al."
 * and "and others" end a list.  Particles ("van der") and suffixes ("Jr.")
 * come from the "particle" and "suffix" rules (names.rules).  Marks of equal
 * contribution or correspondence (* † ‡ #) become flags, and so do remarks
 * in parentheses that the "remark" rules know ("(corresponding author)");
 * affiliation marks that lost their superscript ("Smith1,2") are dropped.
 * A group author ("CMS Collaboration": the "organisation" rules) is one
 * literal name.  CJK names are written family name first, without a space:
 * their family names have one character, two in Japanese text (with kana),
 * or as the "cjk-family" rules say; a role written after them ("編", "監修",
 * the "role" rules) marks them as editors or drops them.
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
/*
 * Move the names a role marked as editors (NAME_EDITOR) to the end of
 * another list; the flag is cleared.
 */
void	names_move_editors(struct namelist *from, struct namelist *to);
/* Set NAME_SELF on the names that occur in any of the n strings. */
void	names_mark_self(struct namelist *, const char *const *self, size_t n);

#endif
