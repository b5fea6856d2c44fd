/*
 * tex.h -- turn plain UTF-8 text into correct LaTeX for BibTeX fields.
 *
 * All functions return a string the caller frees.
 */
#ifndef CV2BIB_TEX_H
#define CV2BIB_TEX_H

/* Escape % & $ # _ { } ~ ^ \ ; with ascii, also non-ASCII (é -> {\'e}). */
char	*tex_escape(const char *, int ascii);
/* tex_escape, then brace words a style must not lowercase: {FAJITA}. */
char	*tex_title(const char *, int ascii);

#endif
