/*
 * utf8.h -- UTF-8 validation and decoding.
 */
#ifndef CV2BIB_UTF8_H
#define CV2BIB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Length of the valid UTF-8 prefix of s[0..len): len when all of it is
 * valid (overlongs, surrogates and values past U+10FFFF are invalid).
 */
size_t		utf8_valid_prefix(const char *s, size_t len);
/* Decode one character at *p (valid UTF-8 assumed) and advance *p. */
uint32_t	utf8_next(const char **p);
/* Encode c into out (at least 4 bytes); returns the length. */
size_t		utf8_put(uint32_t c, char *out);
/* Columns, counting characters, of s[0..len): for messages. */
size_t		utf8_columns(const char *s, size_t len);

#endif
