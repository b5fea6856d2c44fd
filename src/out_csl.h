/*
 * out_csl.h -- CSL-JSON (CSL 1.0.2 data schema) through jansson.
 *
 * The only module that includes <jansson.h>.  Output is one JSON array,
 * written batch by batch so that memory does not grow with the input.
 */
#ifndef CV2BIB_OUT_CSL_H
#define CV2BIB_OUT_CSL_H

#include <stdio.h>

struct entry;
struct out_csl;

struct out_csl	*out_csl_open(FILE *);
int		 out_csl_write(struct out_csl *, struct entry *const *, size_t);
int		 out_csl_close(struct out_csl *);
/* One entry as a JSON text (caller frees); for the unit tests. */
char		*out_csl_item(const struct entry *);

/* jansson's version, for --version. */
const char	*out_csl_library_version(void);

#endif
