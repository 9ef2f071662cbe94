// Package migrations embeds the SQL migrations applied by golang-migrate.
package migrations

import "embed"

// FS holds NNNNNN_name.up.sql and .down.sql files.
//
//go:embed *.sql
var FS embed.FS
