/*
 * ascii.h -- fold text to lower-case ASCII letters and digits, for keys
 * and fingerprints: "Kostić" -> "kostic", "MAP-SDN" -> "mapsdn".
 */
#ifndef CV2BIB_ASCII_H
#define CV2BIB_ASCII_H

struct buf;

/* Append the folded form of s to b; characters with no ASCII form go. */
void	ascii_fold(const char *s, struct buf *b);

#endif
