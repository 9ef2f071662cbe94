package config_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kinerja/internal/config"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != config.DefaultDatabaseURL || c.Addr != "localhost:8080" || !c.CookieSecure {
		t.Fatalf("defaults = %+v", c)
	}
	if c.Location.String() != "Asia/Jakarta" || c.SessionLifetime != 12*time.Hour {
		t.Fatalf("location %s lifetime %s", c.Location, c.SessionLifetime)
	}
}

func TestOverrides(t *testing.T) {
	c, err := config.Load(env(map[string]string{
		"DATABASE_URL": "postgres://x/y", "KINERJA_ADDR": ":9000", "KINERJA_TZ": "Asia/Makassar",
		"KINERJA_SESSION_LIFETIME": "8h", "KINERJA_COOKIE_SECURE": "false", "KINERJA_DB_MAX_CONNS": "8",
		"KINERJA_TRUSTED_PROXIES": " 10.0.0.7, 192.168.1.9/24,::1 ", "KINERJA_LOGIN_IP_FAILURES": "200",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "postgres://x/y" || c.Addr != ":9000" || c.Location.String() != "Asia/Makassar" ||
		c.SessionLifetime != 8*time.Hour || c.CookieSecure || c.MaxConns != 8 || c.LoginIPFailures != 200 {
		t.Fatalf("overrides = %+v", c)
	}
	if fmt.Sprint(c.TrustedProxies) != "[10.0.0.7/32 192.168.1.0/24 ::1/128]" {
		t.Fatalf("trusted proxies = %v", c.TrustedProxies)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	for k, v := range map[string]string{
		"KINERJA_TZ": "Mars/Olympus", "KINERJA_SESSION_LIFETIME": "soon", "KINERJA_COOKIE_SECURE": "maybe",
		"KINERJA_LOG_LEVEL": "loud", "KINERJA_DB_MAX_CONNS": "-1", "KINERJA_TRUSTED_PROXIES": "10.0.0.1,proxy.local",
		"KINERJA_LOGIN_IP_FAILURES": "banyak",
	} {
		_, err := config.Load(env(map[string]string{k: v}))
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: error %v should name the variable", k, v, err)
		}
	}
}

func TestMailSettings(t *testing.T) {
	c, err := config.Load(env(map[string]string{"KINERJA_SMTP_HOST": "smtp.example.go.id", "KINERJA_SMTP_PORT": "2525", "KINERJA_SMTP_TLS": "none",
		"KINERJA_MAIL_FROM": "kinerja@example.go.id", "KINERJA_BASE_URL": "https://kinerja.example.go.id/", "KINERJA_REMINDER_HOUR": "0", "KINERJA_MAIL_RATE": "0"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.SMTP.Enabled() || c.SMTP.Port != 2525 || c.SMTP.TLS != "none" || c.BaseURL != "https://kinerja.example.go.id" || c.ReminderHour != 0 || c.MailRate != 0 {
		t.Fatalf("mail settings = %+v %s %d", c.SMTP, c.BaseURL, c.ReminderHour)
	}
	if d, _ := config.Load(env(nil)); d.SMTP.Enabled() || d.BaseURL != "http://localhost:8080" || d.ReminderHour != 7 || d.MailEvery != 30*time.Second || d.MailRate != 200 {
		t.Fatalf("mail defaults = %+v %s %d", d.SMTP, d.BaseURL, d.ReminderHour)
	}
	for name, m := range map[string]map[string]string{
		"KINERJA_SMTP_*":        {"KINERJA_SMTP_HOST": "smtp.example.go.id"}, // no sender
		"KINERJA_SMTP_* (tls)":  {"KINERJA_SMTP_HOST": "h", "KINERJA_MAIL_FROM": "a@b.id", "KINERJA_SMTP_TLS": "ssl3"},
		"KINERJA_SMTP_* (auth)": {"KINERJA_SMTP_HOST": "h", "KINERJA_MAIL_FROM": "a@b.id", "KINERJA_SMTP_USER": "u"},
		"KINERJA_BASE_URL":      {"KINERJA_BASE_URL": "kinerja.example.go.id"},
		"KINERJA_REMINDER_HOUR": {"KINERJA_REMINDER_HOUR": "24"},
		"KINERJA_MAIL_RATE":     {"KINERJA_MAIL_RATE": "-1"},
	} {
		if _, err := config.Load(env(m)); err == nil || !strings.Contains(err.Error(), strings.Fields(name)[0]) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
