package bukti

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameRunes bounds a stored file name.
const MaxNameRunes = 120

// CleanName is the name an uploaded file is stored and shown under. A browser sends
// whatever name the client chose, so it is reduced to a plain one:
//   - the last element of any path, with / or \ as the separator ("C:\fakepath\a.pdf"
//     is "a.pdf");
//   - no control or format characters: no bidi overrides (U+202E would show
//     "gpj.exe" as "exe.jpg"), no zero-width characters, no invalid UTF-8;
//   - runs of spaces as one space, no leading or trailing dots or spaces;
//   - at most MaxNameRunes runes, cut on a rune, keeping the extension.
//
// ext, when not empty, replaces the extension the client gave, since the content
// decides the type (Check). An empty result is "berkas".
func CleanName(raw, ext string) string {
	if i := strings.LastIndexAny(raw, `/\`); i >= 0 {
		raw = raw[i+1:]
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(raw, "") {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '"':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	name := strings.Trim(b.String(), ". ")
	if ext != "" {
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			name = name[:i]
		}
		name = strings.Trim(name, ". ")
	}
	max := MaxNameRunes
	if ext != "" {
		max -= utf8.RuneCountInString(ext) + 1
	}
	if r := []rune(name); len(r) > max {
		name = strings.Trim(string(r[:max]), ". ")
	}
	if name == "" {
		name = "berkas"
	}
	if ext != "" {
		name += "." + ext
	}
	return name
}

// Disposition is the Content-Disposition header for downloading a file as name
// (RFC 6266): an ASCII filename for old clients, with every other character as "_",
// and the exact name as filename* in UTF-8 (RFC 8187).
func Disposition(name string) string {
	name = CleanName(name, "")
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, strings.ReplaceAll(url.PathEscape(name), "+", "%2B"))
}
