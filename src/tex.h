/*
 * tex.h -- turn plain UTF-8 text into correct LaTeX for BibTeX fields.
 *
 * tex_escape() and tex_title() return a string the caller frees; the
 * _append forms add the same text to the caller's buffer, which a writer
 * reuses from field to field.  The text must be valid UTF-8, as the
 * reader leaves it.
 */
#ifndef CV2BIB_TEX_H
#define CV2BIB_TEX_H

struct buf;

/* Escape % & $ # _ { } ~ ^ \ ; with ascii, also non-ASCII (é -> {\'e}). */
char	*tex_escape(const char *, int ascii);
void	 tex_escape_append(struct buf *, const char *, int ascii);
/* tex_escape, then brace words a style must not lowercase: {FAJITA}. */
char	*tex_title(const char *, int ascii);
void	 tex_title_append(struct buf *, const char *, int ascii);

#endif
