/*
 * clean_tab.h -- HTML entities for clean.c, generated once from Python's
 * html.entities.
 */

/* HTML named entities, sorted for bsearch(). */
struct clean_entity {
	const char	*name;
	unsigned int	 cp;
};
static const struct clean_entity clean_entities[] = {
	{ "AElig", 0xc6 }, { "Aacute", 0xc1 }, { "Acirc", 0xc2 },
	{ "Agrave", 0xc0 }, { "Aring", 0xc5 }, { "Atilde", 0xc3 }, { "Auml", 0xc4 },
	{ "Ccedil", 0xc7 }, { "Dagger", 0x2021 }, { "ETH", 0xd0 },
	{ "Eacute", 0xc9 }, { "Ecirc", 0xca }, { "Egrave", 0xc8 }, { "Euml", 0xcb },
	{ "Iacute", 0xcd }, { "Icirc", 0xce }, { "Igrave", 0xcc }, { "Iuml", 0xcf },
	{ "Ntilde", 0xd1 }, { "OElig", 0x152 }, { "Oacute", 0xd3 },
	{ "Ocirc", 0xd4 }, { "Ograve", 0xd2 }, { "Oslash", 0xd8 },
	{ "Otilde", 0xd5 }, { "Ouml", 0xd6 }, { "Scaron", 0x160 },
	{ "THORN", 0xde }, { "Uacute", 0xda }, { "Ucirc", 0xdb },
	{ "Ugrave", 0xd9 }, { "Uuml", 0xdc }, { "Yacute", 0xdd }, { "Yuml", 0x178 },
	{ "aacute", 0xe1 }, { "acirc", 0xe2 }, { "acute", 0xb4 }, { "aelig", 0xe6 },
	{ "agrave", 0xe0 }, { "alpha", 0x3b1 }, { "amp", 0x26 }, { "aring", 0xe5 },
	{ "asymp", 0x2248 }, { "atilde", 0xe3 }, { "auml", 0xe4 },
	{ "bdquo", 0x201e }, { "beta", 0x3b2 }, { "brvbar", 0xa6 },
	{ "bull", 0x2022 }, { "ccedil", 0xe7 }, { "cedil", 0xb8 }, { "cent", 0xa2 },
	{ "circ", 0x2c6 }, { "copy", 0xa9 }, { "curren", 0xa4 },
	{ "dagger", 0x2020 }, { "deg", 0xb0 }, { "delta", 0x3b4 },
	{ "divide", 0xf7 }, { "eacute", 0xe9 }, { "ecirc", 0xea },
	{ "egrave", 0xe8 }, { "emsp", 0x2003 }, { "ensp", 0x2002 }, { "eth", 0xf0 },
	{ "euml", 0xeb }, { "euro", 0x20ac }, { "fnof", 0x192 }, { "frac12", 0xbd },
	{ "frac14", 0xbc }, { "frac34", 0xbe }, { "gamma", 0x3b3 },
	{ "ge", 0x2265 }, { "gt", 0x3e }, { "hellip", 0x2026 }, { "iacute", 0xed },
	{ "icirc", 0xee }, { "iexcl", 0xa1 }, { "igrave", 0xec },
	{ "infin", 0x221e }, { "iquest", 0xbf }, { "iuml", 0xef },
	{ "lambda", 0x3bb }, { "laquo", 0xab }, { "larr", 0x2190 },
	{ "ldquo", 0x201c }, { "le", 0x2264 }, { "lsquo", 0x2018 }, { "lt", 0x3c },
	{ "macr", 0xaf }, { "mdash", 0x2014 }, { "micro", 0xb5 },
	{ "middot", 0xb7 }, { "minus", 0x2212 }, { "mu", 0x3bc }, { "nbsp", 0xa0 },
	{ "ndash", 0x2013 }, { "ne", 0x2260 }, { "not", 0xac }, { "ntilde", 0xf1 },
	{ "oacute", 0xf3 }, { "ocirc", 0xf4 }, { "oelig", 0x153 },
	{ "ograve", 0xf2 }, { "ordf", 0xaa }, { "ordm", 0xba }, { "oslash", 0xf8 },
	{ "otilde", 0xf5 }, { "ouml", 0xf6 }, { "para", 0xb6 }, { "pi", 0x3c0 },
	{ "plusmn", 0xb1 }, { "pound", 0xa3 }, { "prime", 0x2032 },
	{ "quot", 0x22 }, { "raquo", 0xbb }, { "rarr", 0x2192 },
	{ "rdquo", 0x201d }, { "reg", 0xae }, { "rsquo", 0x2019 },
	{ "sbquo", 0x201a }, { "scaron", 0x161 }, { "sect", 0xa7 }, { "shy", 0xad },
	{ "sigma", 0x3c3 }, { "sum", 0x2211 }, { "sup1", 0xb9 }, { "sup2", 0xb2 },
	{ "sup3", 0xb3 }, { "szlig", 0xdf }, { "thinsp", 0x2009 },
	{ "thorn", 0xfe }, { "tilde", 0x2dc }, { "times", 0xd7 },
	{ "trade", 0x2122 }, { "uacute", 0xfa }, { "ucirc", 0xfb },
	{ "ugrave", 0xf9 }, { "uml", 0xa8 }, { "uuml", 0xfc }, { "yacute", 0xfd },
	{ "yen", 0xa5 }, { "yuml", 0xff },
};
