package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// cleanInput takes out of the query and the parsed form what PostgreSQL cannot keep
// in text: NUL bytes are dropped and invalid UTF-8 becomes U+FFFD. Such input then
// meets the usual validation instead of failing in the database. It runs after csrf,
// which parses every form.
func cleanInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.RawQuery; q != "" && mayNeedCleaning(q) {
			if v, err := url.ParseQuery(q); err == nil && cleanValues(v) {
				r.URL.RawQuery = v.Encode()
			}
		}
		cleanValues(r.Form)
		cleanValues(r.PostForm)
		if r.MultipartForm != nil {
			cleanValues(r.MultipartForm.Value)
		}
		next.ServeHTTP(w, r)
	})
}

// mayNeedCleaning reports whether a raw query holds escapes or bytes outside ASCII,
// the only ways a NUL byte or invalid UTF-8 can arrive.
func mayNeedCleaning(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c == '%' || c == 0 || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// cleanValues cleans v in place and reports whether anything changed.
func cleanValues(v map[string][]string) bool {
	changed := false
	for k, vs := range v {
		for i, s := range vs {
			if c := cleanText(s); c != s {
				vs[i], changed = c, true
			}
		}
		if c := cleanText(k); c != k {
			delete(v, k)
			v[c] = append(v[c], vs...)
			changed = true
		}
	}
	return changed
}

// cleanText is s without NUL bytes and with invalid UTF-8 replaced; upload file
// names, which are not form values, go through it too.
func cleanText(s string) string {
	if strings.IndexByte(s, 0) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
}
