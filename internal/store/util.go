package store

import (
	"strconv"

	"kinerja/internal/org"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func namaLengkap(gd, nama, gb string) string { return org.NamaLengkap(gd, nama, gb) }

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
