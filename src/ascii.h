/*
 * ascii.h -- fold text to lower-case ASCII letters and digits, for keys
 * and fingerprints: "Kostić" -> "kostic", "MAP-SDN" -> "mapsdn".
 */
#ifndef CV2BIB_ASCII_H
#define CV2BIB_ASCII_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Append the folded form of s to b; characters with no ASCII form go. */
void	ascii_fold(const char *s, struct buf *b);
/* The same for the len bytes at s (whole characters). */
void	ascii_foldn(const char *s, size_t len, struct buf *b);
/*
 * Write the folded form of the character c to out (room for two bytes)
 * and return its length: 1 for an ASCII letter or digit, up to 2 for a
 * letter of U+00C0..U+017F ("ß" -> "ss"), 0 for anything else.
 */
size_t	ascii_fold_char(uint32_t c, char *out);

/*
 * An ASCII byte as a lower-case letter or digit, or 0 if it is neither:
 * what isalnum() and tolower() give in the C locale, without their calls,
 * for the loops that fold a byte at a time.
 */
static inline char
ascii_alnum(unsigned char c)
{
	if ((unsigned)(c - '0') < 10)
		return (char)c;
	c |= 0x20;	/* 'A'..'Z' -> 'a'..'z'; no other byte lands there */
	return (unsigned)(c - 'a') < 26 ? (char)c : '\0';
}

#endif
