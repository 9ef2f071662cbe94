package store

import (
	"strconv"

	"kinerja/internal/org"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func namaLengkap(gd, nama, gb string) string { return org.NamaLengkap(gd, nama, gb) }
