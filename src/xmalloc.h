/*
 * xmalloc.h -- allocation that never returns NULL.
 *
 * On failure every function prints "cv2bib: out of memory" and exits with
 * status 2, so callers never check for NULL.  This is the one place below
 * main() that may call exit().
 */
#ifndef CV2BIB_XMALLOC_H
#define CV2BIB_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
