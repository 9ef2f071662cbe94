package view

import "strconv"

const chartBarMax = 340

func chartHeight(c BarChart) int { return len(c.Bars)*26 + 8 }

func barWidth(c BarChart, v int) int {
	m := 0
	for _, b := range c.Bars {
		m = max(m, b.Value)
	}
	if m <= 0 || v <= 0 {
		return 0
	}
	return max(1, v*chartBarMax/m)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func profileURL(id int64) string { return "/pegawai/" + strconv.FormatInt(id, 10) }

func opdURL(id int64) string  { return "/organisasi/" + strconv.FormatInt(id, 10) }
func unitURL(id int64) string { return "/organisasi/unit/" + strconv.FormatInt(id, 10) }
func itoa64(n int64) string   { return strconv.FormatInt(n, 10) }

// barText is what a bar says of itself: its text, else its value.
func barText(b Bar) string {
	if b.Text != "" {
		return b.Text
	}
	return Angka(b.Value)
}
