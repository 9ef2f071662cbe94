// Package static embeds the stylesheet and other assets served under /static/.
package static

import "embed"

// FS holds the static assets.
//
//go:embed *.css *.svg
var FS embed.FS
