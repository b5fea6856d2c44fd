/*
 * tex.c -- plain UTF-8 text to correct LaTeX for BibTeX fields (see tex.h).
 *
 * Done here rather than by libbibutils (latexout): one pass over each
 * field (a title takes a second, to tell sentence case from title case),
 * where libbibutils' own conversion doubles the time of a write, and
 * libbibutils knows nothing of protecting the capitals of a title.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tex.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * Non-ASCII characters and their LaTeX, sorted by code point: Latin-1,
 * Latin Extended-A (and the accented letters of Extended-B and Additional
 * that take a standard accent command), Greek, punctuation, arrows and
 * common mathematics.  Accents on i and j use the dotless letters
 * ({\'\i}); a mathematical symbol is in $...$, braced when it holds a
 * capital so that a style's lowercasing cannot reach it.  Generated once
 * from src/accents_tab.h and a hand-written list of symbols.  Ħ ħ ĸ Ŧ ŧ ſ
 * and anything else not listed stay as UTF-8.
 */
static const struct tex_map {
	uint32_t	 cp;
	const char	*tex;
} tex_map[] = {
	{ 0x00a0, "~" }, { 0x00a1, "{\\textexclamdown}" },
	{ 0x00a2, "{\\textcent}" }, { 0x00a3, "{\\pounds}" },
	{ 0x00a4, "{\\textcurrency}" }, { 0x00a5, "{\\textyen}" },
	{ 0x00a6, "{\\textbrokenbar}" }, { 0x00a7, "{\\S}" },
	{ 0x00a8, "{\\textasciidieresis}" }, { 0x00a9, "{\\copyright}" },
	{ 0x00aa, "{\\textordfeminine}" }, { 0x00ab, "{\\guillemotleft}" },
	{ 0x00ac, "$\\neg$" }, { 0x00ad, "" },
	{ 0x00ae, "{\\textregistered}" }, { 0x00af, "{\\textasciimacron}" },
	{ 0x00b0, "{\\textdegree}" }, { 0x00b1, "$\\pm$" },
	{ 0x00b2, "$^{2}$" }, { 0x00b3, "$^{3}$" },
	{ 0x00b4, "{\\textasciiacute}" }, { 0x00b5, "$\\mu$" },
	{ 0x00b6, "{\\P}" }, { 0x00b7, "$\\cdot$" }, { 0x00b8, "{\\c{ }}" },
	{ 0x00b9, "$^{1}$" }, { 0x00ba, "{\\textordmasculine}" },
	{ 0x00bb, "{\\guillemotright}" }, { 0x00bc, "{\\textonequarter}" },
	{ 0x00bd, "{\\textonehalf}" }, { 0x00be, "{\\textthreequarters}" },
	{ 0x00bf, "{\\textquestiondown}" }, { 0x00c0, "{\\`A}" },
	{ 0x00c1, "{\\'A}" }, { 0x00c2, "{\\^A}" }, { 0x00c3, "{\\~A}" },
	{ 0x00c4, "{\\\"A}" }, { 0x00c5, "{\\AA}" }, { 0x00c6, "{\\AE}" },
	{ 0x00c7, "{\\c{C}}" }, { 0x00c8, "{\\`E}" }, { 0x00c9, "{\\'E}" },
	{ 0x00ca, "{\\^E}" }, { 0x00cb, "{\\\"E}" }, { 0x00cc, "{\\`I}" },
	{ 0x00cd, "{\\'I}" }, { 0x00ce, "{\\^I}" }, { 0x00cf, "{\\\"I}" },
	{ 0x00d0, "{\\DH}" }, { 0x00d1, "{\\~N}" }, { 0x00d2, "{\\`O}" },
	{ 0x00d3, "{\\'O}" }, { 0x00d4, "{\\^O}" }, { 0x00d5, "{\\~O}" },
	{ 0x00d6, "{\\\"O}" }, { 0x00d7, "$\\times$" }, { 0x00d8, "{\\O}" },
	{ 0x00d9, "{\\`U}" }, { 0x00da, "{\\'U}" }, { 0x00db, "{\\^U}" },
	{ 0x00dc, "{\\\"U}" }, { 0x00dd, "{\\'Y}" }, { 0x00de, "{\\TH}" },
	{ 0x00df, "{\\ss}" }, { 0x00e0, "{\\`a}" }, { 0x00e1, "{\\'a}" },
	{ 0x00e2, "{\\^a}" }, { 0x00e3, "{\\~a}" }, { 0x00e4, "{\\\"a}" },
	{ 0x00e5, "{\\aa}" }, { 0x00e6, "{\\ae}" }, { 0x00e7, "{\\c{c}}" },
	{ 0x00e8, "{\\`e}" }, { 0x00e9, "{\\'e}" }, { 0x00ea, "{\\^e}" },
	{ 0x00eb, "{\\\"e}" }, { 0x00ec, "{\\`\\i}" },
	{ 0x00ed, "{\\'\\i}" }, { 0x00ee, "{\\^\\i}" },
	{ 0x00ef, "{\\\"\\i}" }, { 0x00f0, "{\\dh}" }, { 0x00f1, "{\\~n}" },
	{ 0x00f2, "{\\`o}" }, { 0x00f3, "{\\'o}" }, { 0x00f4, "{\\^o}" },
	{ 0x00f5, "{\\~o}" }, { 0x00f6, "{\\\"o}" }, { 0x00f7, "$\\div$" },
	{ 0x00f8, "{\\o}" }, { 0x00f9, "{\\`u}" }, { 0x00fa, "{\\'u}" },
	{ 0x00fb, "{\\^u}" }, { 0x00fc, "{\\\"u}" }, { 0x00fd, "{\\'y}" },
	{ 0x00fe, "{\\th}" }, { 0x00ff, "{\\\"y}" }, { 0x0100, "{\\=A}" },
	{ 0x0101, "{\\=a}" }, { 0x0102, "{\\u{A}}" }, { 0x0103, "{\\u{a}}" },
	{ 0x0104, "{\\k{A}}" }, { 0x0105, "{\\k{a}}" }, { 0x0106, "{\\'C}" },
	{ 0x0107, "{\\'c}" }, { 0x0108, "{\\^C}" }, { 0x0109, "{\\^c}" },
	{ 0x010a, "{\\.C}" }, { 0x010b, "{\\.c}" }, { 0x010c, "{\\v{C}}" },
	{ 0x010d, "{\\v{c}}" }, { 0x010e, "{\\v{D}}" },
	{ 0x010f, "{\\v{d}}" }, { 0x0110, "{\\DJ}" }, { 0x0111, "{\\dj}" },
	{ 0x0112, "{\\=E}" }, { 0x0113, "{\\=e}" }, { 0x0114, "{\\u{E}}" },
	{ 0x0115, "{\\u{e}}" }, { 0x0116, "{\\.E}" }, { 0x0117, "{\\.e}" },
	{ 0x0118, "{\\k{E}}" }, { 0x0119, "{\\k{e}}" },
	{ 0x011a, "{\\v{E}}" }, { 0x011b, "{\\v{e}}" }, { 0x011c, "{\\^G}" },
	{ 0x011d, "{\\^g}" }, { 0x011e, "{\\u{G}}" }, { 0x011f, "{\\u{g}}" },
	{ 0x0120, "{\\.G}" }, { 0x0121, "{\\.g}" }, { 0x0122, "{\\c{G}}" },
	{ 0x0123, "{\\c{g}}" }, { 0x0124, "{\\^H}" }, { 0x0125, "{\\^h}" },
	{ 0x0128, "{\\~I}" }, { 0x0129, "{\\~\\i}" }, { 0x012a, "{\\=I}" },
	{ 0x012b, "{\\=\\i}" }, { 0x012c, "{\\u{I}}" },
	{ 0x012d, "{\\u{\\i}}" }, { 0x012e, "{\\k{I}}" },
	{ 0x012f, "{\\k{i}}" }, { 0x0130, "{\\.I}" }, { 0x0131, "{\\i}" },
	{ 0x0132, "{IJ}" }, { 0x0133, "{ij}" }, { 0x0134, "{\\^J}" },
	{ 0x0135, "{\\^\\j}" }, { 0x0136, "{\\c{K}}" },
	{ 0x0137, "{\\c{k}}" }, { 0x0139, "{\\'L}" }, { 0x013a, "{\\'l}" },
	{ 0x013b, "{\\c{L}}" }, { 0x013c, "{\\c{l}}" },
	{ 0x013d, "{\\v{L}}" }, { 0x013e, "{\\v{l}}" },
	{ 0x013f, "{L\\textperiodcentered}" },
	{ 0x0140, "{l\\textperiodcentered}" }, { 0x0141, "{\\L}" },
	{ 0x0142, "{\\l}" }, { 0x0143, "{\\'N}" }, { 0x0144, "{\\'n}" },
	{ 0x0145, "{\\c{N}}" }, { 0x0146, "{\\c{n}}" },
	{ 0x0147, "{\\v{N}}" }, { 0x0148, "{\\v{n}}" }, { 0x0149, "{'n}" },
	{ 0x014a, "{\\NG}" }, { 0x014b, "{\\ng}" }, { 0x014c, "{\\=O}" },
	{ 0x014d, "{\\=o}" }, { 0x014e, "{\\u{O}}" }, { 0x014f, "{\\u{o}}" },
	{ 0x0150, "{\\H{O}}" }, { 0x0151, "{\\H{o}}" }, { 0x0152, "{\\OE}" },
	{ 0x0153, "{\\oe}" }, { 0x0154, "{\\'R}" }, { 0x0155, "{\\'r}" },
	{ 0x0156, "{\\c{R}}" }, { 0x0157, "{\\c{r}}" },
	{ 0x0158, "{\\v{R}}" }, { 0x0159, "{\\v{r}}" }, { 0x015a, "{\\'S}" },
	{ 0x015b, "{\\'s}" }, { 0x015c, "{\\^S}" }, { 0x015d, "{\\^s}" },
	{ 0x015e, "{\\c{S}}" }, { 0x015f, "{\\c{s}}" },
	{ 0x0160, "{\\v{S}}" }, { 0x0161, "{\\v{s}}" },
	{ 0x0162, "{\\c{T}}" }, { 0x0163, "{\\c{t}}" },
	{ 0x0164, "{\\v{T}}" }, { 0x0165, "{\\v{t}}" }, { 0x0168, "{\\~U}" },
	{ 0x0169, "{\\~u}" }, { 0x016a, "{\\=U}" }, { 0x016b, "{\\=u}" },
	{ 0x016c, "{\\u{U}}" }, { 0x016d, "{\\u{u}}" },
	{ 0x016e, "{\\r{U}}" }, { 0x016f, "{\\r{u}}" },
	{ 0x0170, "{\\H{U}}" }, { 0x0171, "{\\H{u}}" },
	{ 0x0172, "{\\k{U}}" }, { 0x0173, "{\\k{u}}" }, { 0x0174, "{\\^W}" },
	{ 0x0175, "{\\^w}" }, { 0x0176, "{\\^Y}" }, { 0x0177, "{\\^y}" },
	{ 0x0178, "{\\\"Y}" }, { 0x0179, "{\\'Z}" }, { 0x017a, "{\\'z}" },
	{ 0x017b, "{\\.Z}" }, { 0x017c, "{\\.z}" }, { 0x017d, "{\\v{Z}}" },
	{ 0x017e, "{\\v{z}}" }, { 0x01cd, "{\\v{A}}" },
	{ 0x01ce, "{\\v{a}}" }, { 0x01cf, "{\\v{I}}" },
	{ 0x01d0, "{\\v{\\i}}" }, { 0x01d1, "{\\v{O}}" },
	{ 0x01d2, "{\\v{o}}" }, { 0x01d3, "{\\v{U}}" },
	{ 0x01d4, "{\\v{u}}" }, { 0x01e6, "{\\v{G}}" },
	{ 0x01e7, "{\\v{g}}" }, { 0x01e8, "{\\v{K}}" },
	{ 0x01e9, "{\\v{k}}" }, { 0x01ea, "{\\k{O}}" },
	{ 0x01eb, "{\\k{o}}" }, { 0x01f0, "{\\v{\\j}}" },
	{ 0x01f4, "{\\'G}" }, { 0x01f5, "{\\'g}" }, { 0x01f8, "{\\`N}" },
	{ 0x01f9, "{\\`n}" }, { 0x021e, "{\\v{H}}" }, { 0x021f, "{\\v{h}}" },
	{ 0x0226, "{\\.A}" }, { 0x0227, "{\\.a}" }, { 0x0228, "{\\c{E}}" },
	{ 0x0229, "{\\c{e}}" }, { 0x022e, "{\\.O}" }, { 0x022f, "{\\.o}" },
	{ 0x0232, "{\\=Y}" }, { 0x0233, "{\\=y}" }, { 0x0237, "{\\j}" },
	{ 0x0391, "{$\\mathrm{A}$}" }, { 0x0392, "{$\\mathrm{B}$}" },
	{ 0x0393, "{$\\Gamma$}" }, { 0x0394, "{$\\Delta$}" },
	{ 0x0395, "{$\\mathrm{E}$}" }, { 0x0396, "{$\\mathrm{Z}$}" },
	{ 0x0397, "{$\\mathrm{H}$}" }, { 0x0398, "{$\\Theta$}" },
	{ 0x0399, "{$\\mathrm{I}$}" }, { 0x039a, "{$\\mathrm{K}$}" },
	{ 0x039b, "{$\\Lambda$}" }, { 0x039c, "{$\\mathrm{M}$}" },
	{ 0x039d, "{$\\mathrm{N}$}" }, { 0x039e, "{$\\Xi$}" },
	{ 0x039f, "{$\\mathrm{O}$}" }, { 0x03a0, "{$\\Pi$}" },
	{ 0x03a1, "{$\\mathrm{P}$}" }, { 0x03a3, "{$\\Sigma$}" },
	{ 0x03a4, "{$\\mathrm{T}$}" }, { 0x03a5, "{$\\Upsilon$}" },
	{ 0x03a6, "{$\\Phi$}" }, { 0x03a7, "{$\\mathrm{X}$}" },
	{ 0x03a8, "{$\\Psi$}" }, { 0x03a9, "{$\\Omega$}" },
	{ 0x03b1, "$\\alpha$" }, { 0x03b2, "$\\beta$" },
	{ 0x03b3, "$\\gamma$" }, { 0x03b4, "$\\delta$" },
	{ 0x03b5, "$\\epsilon$" }, { 0x03b6, "$\\zeta$" },
	{ 0x03b7, "$\\eta$" }, { 0x03b8, "$\\theta$" },
	{ 0x03b9, "$\\iota$" }, { 0x03ba, "$\\kappa$" },
	{ 0x03bb, "$\\lambda$" }, { 0x03bc, "$\\mu$" }, { 0x03bd, "$\\nu$" },
	{ 0x03be, "$\\xi$" }, { 0x03bf, "$o$" }, { 0x03c0, "$\\pi$" },
	{ 0x03c1, "$\\rho$" }, { 0x03c2, "$\\varsigma$" },
	{ 0x03c3, "$\\sigma$" }, { 0x03c4, "$\\tau$" },
	{ 0x03c5, "$\\upsilon$" }, { 0x03c6, "$\\phi$" },
	{ 0x03c7, "$\\chi$" }, { 0x03c8, "$\\psi$" },
	{ 0x03c9, "$\\omega$" }, { 0x03d1, "$\\vartheta$" },
	{ 0x03d5, "$\\phi$" }, { 0x03f5, "$\\epsilon$" },
	{ 0x1e02, "{\\.B}" }, { 0x1e03, "{\\.b}" }, { 0x1e0a, "{\\.D}" },
	{ 0x1e0b, "{\\.d}" }, { 0x1e10, "{\\c{D}}" }, { 0x1e11, "{\\c{d}}" },
	{ 0x1e1e, "{\\.F}" }, { 0x1e1f, "{\\.f}" }, { 0x1e20, "{\\=G}" },
	{ 0x1e21, "{\\=g}" }, { 0x1e22, "{\\.H}" }, { 0x1e23, "{\\.h}" },
	{ 0x1e26, "{\\\"H}" }, { 0x1e27, "{\\\"h}" }, { 0x1e28, "{\\c{H}}" },
	{ 0x1e29, "{\\c{h}}" }, { 0x1e30, "{\\'K}" }, { 0x1e31, "{\\'k}" },
	{ 0x1e3e, "{\\'M}" }, { 0x1e3f, "{\\'m}" }, { 0x1e40, "{\\.M}" },
	{ 0x1e41, "{\\.m}" }, { 0x1e44, "{\\.N}" }, { 0x1e45, "{\\.n}" },
	{ 0x1e54, "{\\'P}" }, { 0x1e55, "{\\'p}" }, { 0x1e56, "{\\.P}" },
	{ 0x1e57, "{\\.p}" }, { 0x1e58, "{\\.R}" }, { 0x1e59, "{\\.r}" },
	{ 0x1e60, "{\\.S}" }, { 0x1e61, "{\\.s}" }, { 0x1e6a, "{\\.T}" },
	{ 0x1e6b, "{\\.t}" }, { 0x1e7c, "{\\~V}" }, { 0x1e7d, "{\\~v}" },
	{ 0x1e80, "{\\`W}" }, { 0x1e81, "{\\`w}" }, { 0x1e82, "{\\'W}" },
	{ 0x1e83, "{\\'w}" }, { 0x1e84, "{\\\"W}" }, { 0x1e85, "{\\\"w}" },
	{ 0x1e86, "{\\.W}" }, { 0x1e87, "{\\.w}" }, { 0x1e8a, "{\\.X}" },
	{ 0x1e8b, "{\\.x}" }, { 0x1e8c, "{\\\"X}" }, { 0x1e8d, "{\\\"x}" },
	{ 0x1e8e, "{\\.Y}" }, { 0x1e8f, "{\\.y}" }, { 0x1e90, "{\\^Z}" },
	{ 0x1e91, "{\\^z}" }, { 0x1e97, "{\\\"t}" }, { 0x1e98, "{\\r{w}}" },
	{ 0x1e99, "{\\r{y}}" }, { 0x1ebc, "{\\~E}" }, { 0x1ebd, "{\\~e}" },
	{ 0x1ef2, "{\\`Y}" }, { 0x1ef3, "{\\`y}" }, { 0x1ef8, "{\\~Y}" },
	{ 0x1ef9, "{\\~y}" }, { 0x2002, " " }, { 0x2003, " " },
	{ 0x2009, "\\," }, { 0x200a, "\\," }, { 0x200b, "" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "--" }, { 0x2013, "--" },
	{ 0x2014, "---" }, { 0x2015, "---" }, { 0x2016, "$\\|$" },
	{ 0x2018, "`" }, { 0x2019, "'" }, { 0x201a, "{\\quotesinglbase}" },
	{ 0x201c, "``" }, { 0x201d, "''" }, { 0x201e, "{\\quotedblbase}" },
	{ 0x2020, "{\\dag}" }, { 0x2021, "{\\ddag}" },
	{ 0x2022, "{\\textbullet}" }, { 0x2026, "{\\ldots}" },
	{ 0x202f, "\\," }, { 0x2030, "{\\textperthousand}" },
	{ 0x2032, "$\\prime$" }, { 0x2033, "$\\prime\\prime$" },
	{ 0x2039, "{\\guilsinglleft}" }, { 0x203a, "{\\guilsinglright}" },
	{ 0x2044, "/" }, { 0x2060, "" }, { 0x20ac, "{\\texteuro}" },
	{ 0x2103, "{\\textcelsius}" }, { 0x2113, "$\\ell$" },
	{ 0x2116, "{\\textnumero}" }, { 0x2122, "{\\texttrademark}" },
	{ 0x2190, "$\\leftarrow$" }, { 0x2191, "$\\uparrow$" },
	{ 0x2192, "$\\rightarrow$" }, { 0x2193, "$\\downarrow$" },
	{ 0x2194, "$\\leftrightarrow$" }, { 0x21d0, "{$\\Leftarrow$}" },
	{ 0x21d2, "{$\\Rightarrow$}" }, { 0x21d4, "{$\\Leftrightarrow$}" },
	{ 0x2200, "$\\forall$" }, { 0x2202, "$\\partial$" },
	{ 0x2203, "$\\exists$" }, { 0x2205, "$\\emptyset$" },
	{ 0x2206, "{$\\Delta$}" }, { 0x2207, "$\\nabla$" },
	{ 0x2208, "$\\in$" }, { 0x2209, "$\\notin$" }, { 0x220b, "$\\ni$" },
	{ 0x220f, "$\\prod$" }, { 0x2211, "$\\sum$" }, { 0x2212, "$-$" },
	{ 0x2213, "$\\mp$" }, { 0x2215, "/" }, { 0x2217, "$\\ast$" },
	{ 0x2218, "$\\circ$" }, { 0x2219, "$\\cdot$" },
	{ 0x221a, "$\\surd$" }, { 0x221d, "$\\propto$" },
	{ 0x221e, "$\\infty$" }, { 0x2223, "$\\mid$" },
	{ 0x2225, "$\\parallel$" }, { 0x2227, "$\\wedge$" },
	{ 0x2228, "$\\vee$" }, { 0x2229, "$\\cap$" }, { 0x222a, "$\\cup$" },
	{ 0x222b, "$\\int$" }, { 0x223c, "$\\sim$" },
	{ 0x2243, "$\\simeq$" }, { 0x2245, "$\\cong$" },
	{ 0x2248, "$\\approx$" }, { 0x2260, "$\\neq$" },
	{ 0x2261, "$\\equiv$" }, { 0x2264, "$\\leq$" },
	{ 0x2265, "$\\geq$" }, { 0x226a, "$\\ll$" }, { 0x226b, "$\\gg$" },
	{ 0x2282, "$\\subset$" }, { 0x2283, "$\\supset$" },
	{ 0x2286, "$\\subseteq$" }, { 0x2287, "$\\supseteq$" },
	{ 0x2295, "$\\oplus$" }, { 0x2297, "$\\otimes$" },
	{ 0x22c5, "$\\cdot$" }, { 0x22ef, "$\\cdots$" },
};

/* The LaTeX for code point c, or NULL: a binary search of tex_map. */
static const char *
tex_lookup(uint32_t c)
{
	size_t lo = 0, hi = sizeof(tex_map) / sizeof(tex_map[0]), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tex_map[mid].cp == c)
			return tex_map[mid].tex;
		if (tex_map[mid].cp < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The ASCII characters LaTeX gives a meaning to, and how each is written. */
static const char *const tex_ascii[128] = {
	['%'] = "\\%", ['&'] = "\\&", ['$'] = "\\$", ['#'] = "\\#",
	['_'] = "\\_", ['{'] = "\\{", ['}'] = "\\}",
	['~'] = "{\\textasciitilde}", ['^'] = "{\\textasciicircum}",
	['\\'] = "{\\textbackslash}",
};

/* The bytes of tex_ascii, for strcspn() (tex_rest()). */
#define TEX_SPECIALS	"%&$#_{}~^\\"

/* Whether tex_ascii has the byte: a table, as tex_span() asks every byte. */
static const unsigned char tex_special[256] = {
	['%'] = 1, ['&'] = 1, ['$'] = 1, ['#'] = 1, ['_'] = 1, ['{'] = 1,
	['}'] = 1, ['~'] = 1, ['^'] = 1, ['\\'] = 1
};

/*
 * Append p..e escaped.  Runs of ordinary bytes are copied at once; with
 * ascii, a non-ASCII character with a LaTeX form is replaced by it.  The
 * span never ends inside a UTF-8 sequence (callers cut at ASCII bytes or
 * at whole characters), so escaping a string in pieces gives what
 * escaping it whole does.
 */
static void
tex_span(struct buf *b, const char *p, const char *e, int ascii)
{
	const char *run, *tex, *q;
	unsigned char c = 0, high = ascii ? 0x80 : 0;

	while (p < e) {
		for (run = p; p < e; p++) {
			c = (unsigned char)*p;
			if ((c & high) != 0 || tex_special[c])
				break;
		}
		if (p > run)
			buf_append(b, run, (size_t)(p - run));
		if (p == e)
			break;
		if (c < 0x80) {
			buf_puts(b, tex_ascii[c]);
			p++;
			continue;
		}
		q = p;
		if ((tex = tex_lookup(utf8_next(&p))) != NULL)
			buf_puts(b, tex);
		else
			buf_append(b, q, (size_t)(p - q));
	}
}

/*
 * Append the string from p escaped: tex_span() to its end.  Without
 * ascii only TEX_SPECIALS change, which strcspn() finds many bytes at a
 * time (glibc's compares 16 at once); it needs the string's end, which a
 * span inside a title has not.
 */
static void
tex_rest(struct buf *b, const char *p, int ascii)
{
	size_t n;

	if (ascii) {
		tex_span(b, p, p + strlen(p), ascii);
		return;
	}
	for (;;) {
		if ((n = strcspn(p, TEX_SPECIALS)) > 0)
			buf_append(b, p, n);
		if (p[n] == '\0')
			break;
		buf_puts(b, tex_ascii[(unsigned char)p[n]]);
		p += n + 1;
	}
}

void
tex_escape_append(struct buf *b, const char *s, int ascii)
{
	tex_rest(b, s, ascii);
}

char *
tex_escape(const char *s, int ascii)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);

	/* buf_grow() leaves the new space unterminated: end it at once. */
	buf_grow(&b, len + len / 8 + 8);
	buf_append(&b, "", 0);
	tex_rest(&b, s, ascii);
	return buf_take(&b);
}

/*
 * Titles.  A word is what lies between blanks and hyphens (which split
 * compounds: "Linux-based"); its core is the word without the
 * punctuation that opens or closes it, which stays outside the braces
 * ("({NFV}),").  A word's capitals are protected when it must keep them
 * whatever the style (tex_word_next()), and a capitalised word when the
 * title is in sentence case (tex_sentence_case()) or the word follows a
 * lower-case one after a hyphen ("multi-Gbps").
 *
 * tex_class tells with one look-up a byte what a title's scan needs of
 * it.  The punctuation and the quotes are never capitals nor digits: that
 * is what lets tex_word_next() judge a word's shape from the capitals
 * anywhere in it.
 */
#define TC_END		0x01	/* NUL */
#define TC_BLANK	0x02	/* blank or tab: between words */
#define TC_HYPHEN	0x04	/* between words too */
#define TC_OPEN		0x08	/* ( " ' [ ` may open a word */
#define TC_CLOSE	0x10	/* : ; , . ? ! ) ] " ' may close one */
#define TC_CAP		0x20	/* A-Z, or the first byte of a capital outside
				   ASCII may be (tex_capital() says) */
#define TC_LOWER	0x40	/* a-z */
#define TC_DIGIT	0x80	/* 0-9 */
#define TC_SEP		(TC_BLANK | TC_HYPHEN)

static const unsigned char tex_class[256] = {
	['\0'] = TC_END, [' '] = TC_BLANK, ['\t'] = TC_BLANK,
	['-'] = TC_HYPHEN,
	['('] = TC_OPEN, ['['] = TC_OPEN, ['`'] = TC_OPEN,
	['"'] = TC_OPEN | TC_CLOSE, ['\''] = TC_OPEN | TC_CLOSE,
	[':'] = TC_CLOSE, [';'] = TC_CLOSE, [','] = TC_CLOSE,
	['.'] = TC_CLOSE, ['?'] = TC_CLOSE, ['!'] = TC_CLOSE,
	[')'] = TC_CLOSE, [']'] = TC_CLOSE,
	['A'] = TC_CAP, ['B'] = TC_CAP, ['C'] = TC_CAP, ['D'] = TC_CAP,
	['E'] = TC_CAP, ['F'] = TC_CAP, ['G'] = TC_CAP, ['H'] = TC_CAP,
	['I'] = TC_CAP, ['J'] = TC_CAP, ['K'] = TC_CAP, ['L'] = TC_CAP,
	['M'] = TC_CAP, ['N'] = TC_CAP, ['O'] = TC_CAP, ['P'] = TC_CAP,
	['Q'] = TC_CAP, ['R'] = TC_CAP, ['S'] = TC_CAP, ['T'] = TC_CAP,
	['U'] = TC_CAP, ['V'] = TC_CAP, ['W'] = TC_CAP, ['X'] = TC_CAP,
	['Y'] = TC_CAP, ['Z'] = TC_CAP,
	[0xc3] = TC_CAP, [0xc4] = TC_CAP, [0xc5] = TC_CAP, [0xce] = TC_CAP,
	['a'] = TC_LOWER, ['b'] = TC_LOWER, ['c'] = TC_LOWER,
	['d'] = TC_LOWER, ['e'] = TC_LOWER, ['f'] = TC_LOWER,
	['g'] = TC_LOWER, ['h'] = TC_LOWER, ['i'] = TC_LOWER,
	['j'] = TC_LOWER, ['k'] = TC_LOWER, ['l'] = TC_LOWER,
	['m'] = TC_LOWER, ['n'] = TC_LOWER, ['o'] = TC_LOWER,
	['p'] = TC_LOWER, ['q'] = TC_LOWER, ['r'] = TC_LOWER,
	['s'] = TC_LOWER, ['t'] = TC_LOWER, ['u'] = TC_LOWER,
	['v'] = TC_LOWER, ['w'] = TC_LOWER, ['x'] = TC_LOWER,
	['y'] = TC_LOWER, ['z'] = TC_LOWER,
	['0'] = TC_DIGIT, ['1'] = TC_DIGIT, ['2'] = TC_DIGIT,
	['3'] = TC_DIGIT, ['4'] = TC_DIGIT, ['5'] = TC_DIGIT,
	['6'] = TC_DIGIT, ['7'] = TC_DIGIT, ['8'] = TC_DIGIT,
	['9'] = TC_DIGIT,
};

/* The class of the byte at p. */
static unsigned char
tex_cls(const char *p)
{
	return tex_class[(unsigned char)*p];
}

/*
 * Whether code point c outside ASCII is a capital: Latin-1, Latin
 * Extended-A and Greek.  All are two bytes in UTF-8, led by 0xc3, 0xc4,
 * 0xc5 or 0xce (TC_CAP).
 */
static int
tex_upper_cp(uint32_t c)
{
	if (c >= 0xc0 && c <= 0xde)
		return c != 0xd7;
	if (c >= 0x100 && c <= 0x137)
		return c % 2 == 0;
	if (c >= 0x139 && c <= 0x148)
		return c % 2 == 1;
	if (c >= 0x14a && c <= 0x177)
		return c % 2 == 0;
	if (c == 0x178)
		return 1;
	if (c >= 0x179 && c <= 0x17e)
		return c % 2 == 1;
	return c >= 0x391 && c <= 0x3a9;
}

/*
 * Whether the character at p, whose byte is TC_CAP, is a capital.  p[1]
 * may be read: a lead byte is followed by its sequence, and at worst by
 * the string's NUL.
 */
static int
tex_capital(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] < 0x80)
		return 1;
	return tex_upper_cp((uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f));
}

/* The length of the quotation mark ‘ ’ “ ” « » at p (before e), or 0. */
static size_t
tex_quote(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;

	if (e - p >= 2 && u[0] == 0xc2 && (u[1] == 0xab || u[1] == 0xbb))
		return 2;
	if (e - p >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x98 ||
	    u[2] == 0x99 || u[2] == 0x9c || u[2] == 0x9d))
		return 3;
	return 0;
}

/* Where the punctuation that opens the word p..e ends. */
static const char *
tex_open_end(const char *p, const char *e)
{
	size_t n;

	for (; p < e; p += n)
		if ((tex_cls(p) & TC_OPEN) != 0)
			n = 1;
		else if ((*p & 0x80) == 0 || (n = tex_quote(p, e)) == 0)
			break;
	return p;
}

/*
 * Where the punctuation that closes the word h..e begins.  A quotation
 * mark is found by its last two or three bytes: in valid UTF-8 they are
 * one whole character (0xc2 and 0xe2 start a sequence, never continue
 * one).
 */
static const char *
tex_close_start(const char *h, const char *e)
{
	size_t n;

	for (; e > h; e -= n)
		if ((tex_cls(e - 1) & TC_CLOSE) != 0)
			n = 1;
		else if ((e[-1] & 0x80) == 0)
			break;
		else if (e - h >= 2 && tex_quote(e - 2, e) == 2)
			n = 2;
		else if (e - h >= 3 && tex_quote(e - 3, e) == 3)
			n = 3;
		else
			break;
	return e;
}

/*
 * A word of a title: p..e, its core h..t.  upper: the core starts with a
 * capital; shape: it must keep its capitals whatever the style, for a
 * capital after its first character (FAJITA, LLMs, NetConfEval, I/O,
 * eBPF) or a digit after a capital first (B4; 5G has its capital after
 * the first character); blank: a blank (not only hyphens) came before it.
 */
struct tex_word {
	const char	*p, *h, *t, *e;
	int		 upper;
	int		 shape;
	int		 blank;
};

/*
 * Find the next word from p; 0 when there is none (w->e is then the end
 * of the string).  One look-up a byte: the first two capitals are noted
 * on the way, and they tell the shape, as the punctuation outside the
 * core has none.
 */
static int
tex_word_next(const char *p, struct tex_word *w)
{
	const char *cap[2] = { NULL, NULL };
	unsigned char k;
	int ncap = 0;

	for (w->blank = 0; ((k = tex_cls(p)) & TC_SEP) != 0; p++)
		w->blank |= k & TC_BLANK;
	w->p = p;
	for (; ((k = tex_cls(p)) & (TC_SEP | TC_END)) == 0; p++)
		if ((k & TC_CAP) != 0 && ncap < 2 && tex_capital(p))
			cap[ncap++] = p;
	w->e = p;
	if (w->p == w->e)
		return 0;
	w->h = tex_open_end(w->p, w->e);
	w->t = tex_close_start(w->h, w->e);
	/* A character after the core's first is at most at e, readable. */
	w->upper = w->h < w->t && cap[0] == w->h;
	w->shape = cap[1] != NULL || (cap[0] != NULL && cap[0] > w->h) ||
	    (w->upper && (tex_cls(w->h + (*w->h & 0x80 ? 2 : 1)) &
	    TC_DIGIT) != 0);
	return 1;
}

/* Whether the word is one that stays in lower case in a title-cased title. */
static int
tex_small_word(const struct tex_word *w)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} small[] = {
		{ "a", 1 }, { "an", 2 }, { "and", 3 }, { "as", 2 },
		{ "at", 2 }, { "but", 3 }, { "by", 2 }, { "for", 3 },
		{ "from", 4 }, { "in", 2 }, { "into", 4 }, { "nor", 3 },
		{ "of", 2 }, { "on", 2 }, { "or", 2 }, { "over", 4 },
		{ "per", 3 }, { "the", 3 }, { "to", 2 }, { "via", 3 },
		{ "vs", 2 }, { "with", 4 }
	};
	size_t i, n = (size_t)(w->e - w->p);

	for (i = 0; n <= 4 && i < sizeof(small) / sizeof(small[0]); i++)
		if (small[i].len == n && small[i].s[0] == *w->p &&
		    memcmp(small[i].s, w->p, n) == 0)
			return 1;
	return 0;
}

/*
 * The words of a title the first pass (tex_sentence_case()) found, kept
 * for the second (tex_title_append()), which finds those of a longer
 * title again.
 */
#define TEX_KEPT	32

struct tex_words {
	struct tex_word	 v[TEX_KEPT];
	size_t		 n;
};

/*
 * Whether the title is in sentence case: after the first word, at least
 * as many lower-case words (other than "of", "the" ...) as capitalised
 * ones, acronyms not counted.  Then a capital inside it marks a proper
 * noun ("Linux", "Intel") that a style must not lowercase; in a
 * title-cased title capitals say nothing.  Words are judged whole, their
 * punctuation with them: one that opens with punctuation ("(Foo",
 * "“Foo”") starts with neither a capital nor a small letter and is no
 * evidence, and "of," is not a small word.
 */
static int
tex_sentence_case(const char *s, struct tex_words *kept)
{
	struct tex_word w;
	int upper = 0, lower = 0, first = 1;

	for (kept->n = 0; tex_word_next(s, &w); s = w.e) {
		if (kept->n < TEX_KEPT)
			kept->v[kept->n++] = w;
		/* Without opening punctuation, the word's shape is its core's. */
		if (!first && w.h == w.p && !w.shape) {
			if (w.upper)
				upper++;
			else if ((tex_cls(w.p) & TC_LOWER) != 0 &&
			    !tex_small_word(&w))
				lower++;
		}
		first = 0;
	}
	return lower > 0 && lower >= upper;
}

/* Word i of a title: kept by the first pass, or found again at p. */
static int
tex_word_again(const struct tex_words *kept, size_t i, const char *p,
    struct tex_word *w)
{
	if (i < kept->n) {
		*w = kept->v[i];
		return 1;
	}
	return tex_word_next(p, w);
}

/*
 * Append title s, escaped, with its words protected.  The text between
 * two protected cores is escaped in one piece (tex_span()).
 */
void
tex_title_append(struct buf *b, const char *s, int ascii)
{
	struct tex_words kept;
	struct tex_word w;
	const char *p = s, *done = s;
	int sentence = tex_sentence_case(s, &kept), start = 1, prev_lower = 0;
	size_t i;

	for (i = 0; tex_word_again(&kept, i, p, &w); i++, p = w.e) {
		/* prev_lower holds across hyphens, not blanks. */
		if (w.t > w.h && (w.shape || (w.upper && ((sentence &&
		    !start) || (prev_lower && !w.blank))))) {
			tex_span(b, done, w.h, ascii);
			buf_putc(b, '{');
			tex_span(b, w.h, w.t, ascii);
			buf_putc(b, '}');
			done = w.t;
		}
		/* After "Title: " or "Why? " a capital starts a sentence. */
		start = w.t < w.e && (*w.t == ':' || *w.t == '?' ||
		    *w.t == '!');
		prev_lower = w.t > w.h && !w.upper;
	}
	tex_rest(b, done, ascii);
}

char *
tex_title(const char *s, int ascii)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s);

	buf_grow(&b, n + n / 8 + 16);
	buf_append(&b, "", 0);
	tex_title_append(&b, s, ascii);
	return buf_take(&b);
}
