/*
 * out_csl.h -- CSL-JSON (CSL 1.0.2 data schema) through jansson.
 *
 * The only module that includes <jansson.h> (the unit tests aside).
 * Items are jansson values, written in the text jansson's dump gives
 * them (out_csl_emit()).  Output is one JSON array, written batch by
 * batch so that memory does not grow with the input.
 */
#ifndef CV2BIB_OUT_CSL_H
#define CV2BIB_OUT_CSL_H

#include <stdio.h>

struct buf;
struct entry;
struct json_t;
struct out_csl;
struct out_csl_prep;

struct out_csl	*out_csl_open(FILE *);
/* out_csl_put() makes an entry's item for out_csl_flush() (below). */
int		 out_csl_put(struct out_csl *, const struct entry *);
int		 out_csl_write(struct out_csl *, struct entry *const *, size_t);
int		 out_csl_close(struct out_csl *);

/*
 * The same in two steps, so that the work on an item that needs no other
 * entry is done on any thread, each with its own out_csl_prep:
 * out_csl_prep() appends an entry's item, but its id, to a buf (a warning
 * is issued there); out_csl_add() adds it, with its key, to the text that
 * out_csl_flush() writes.  The prep must be made before any thread starts
 * (jansson's set-up is not thread-safe).  Each returns 0, or -1 on an
 * error (out_csl_flush(): the stream's).
 */
struct out_csl_prep *out_csl_prep_new(void);
void		 out_csl_prep_free(struct out_csl_prep *);
int		 out_csl_prep(struct out_csl_prep *, const struct entry *,
		    struct buf *);
int		 out_csl_add(struct out_csl *, const char *key,
		    const char *text, size_t len);
int		 out_csl_flush(struct out_csl *);
/*
 * For the unit tests.  out_csl_item(): one entry as jansson's own
 * json_dumps() writes it (caller frees), the reference for the text
 * out_csl_prep() writes.  out_csl_emit(): append the JSON text of v, as
 * json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER) would write it but
 * indented one level more (a member of the top-level array); its strings
 * must be valid UTF-8.  0, or -1 if jansson failed on a value.
 */
char		*out_csl_item(const struct entry *);
int		 out_csl_emit(const struct json_t *, struct buf *);

/* jansson's version, for --version. */
const char	*out_csl_library_version(void);

#endif
