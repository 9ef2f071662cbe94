// Package mailer hands mail to an SMTP server with github.com/wneessen/go-mail, a
// maintained client that does STARTTLS, implicit TLS, SMTP AUTH and the MIME
// encoding of Indonesian text properly, which net/smtp leaves to the caller. It knows
// nothing of the outbox: the job that drains it calls Send with a batch and records
// each message's outcome.
package mailer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Config is the SMTP server (KINERJA_SMTP_*). An empty Host means no server: mail
// waits in the outbox.
type Config struct {
	Host     string
	Port     int    // default 587, or 465 with TLS "tls"
	Username string // SMTP AUTH when set
	Password string
	// TLS is "starttls" (the default: required), "tls" (implicit TLS, port 465) or
	// "none" (a local relay or a test server only).
	TLS     string
	From    string // the sender address, e.g. kinerja@bkd.example.go.id
	Timeout time.Duration
}

// Enabled says a server is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// Check reports a configuration that cannot work.
func (c Config) Check() error {
	if !c.Enabled() {
		return nil
	}
	switch c.TLS {
	case "", "starttls", "tls", "none":
	default:
		return fmt.Errorf("mailer: TLS %q: want starttls, tls or none", c.TLS)
	}
	if c.From == "" || !strings.Contains(c.From, "@") {
		return errors.New("mailer: a sender address (From) is needed")
	}
	if (c.Username == "") != (c.Password == "") {
		return errors.New("mailer: give both the user name and the password, or neither")
	}
	return nil
}

// Message is one mail.
type Message struct {
	To, Subject, Text string
	ID                string // a stable Message-ID part, so a resend is recognisable
}

// Outcome is what became of one message: sent, or refused for now (Temporary) or
// for good.
type Outcome struct {
	Err       error
	Temporary bool
}

// ErrUnreachable wraps a failure to reach or greet the server: every message of the
// batch waits for the next attempt.
var ErrUnreachable = errors.New("mailer: SMTP server unreachable")

// Send opens one connection and sends the messages, returning each one's outcome in
// order. A connection that fails returns ErrUnreachable and no outcomes.
func Send(ctx context.Context, c Config, msgs []Message) ([]Outcome, error) {
	if !c.Enabled() {
		return nil, errors.New("mailer: no SMTP server configured")
	}
	opts := []mail.Option{mail.WithTimeout(max(c.Timeout, time.Second))}
	port := c.Port
	switch c.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
		if port == 0 {
			port = 465
		}
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if port == 0 {
		port = 587
	}
	opts = append(opts, mail.WithPort(port))
	if c.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(c.Username), mail.WithPassword(c.Password))
	}
	client, err := mail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mailer: %w", err)
	}
	built := make([]*mail.Msg, len(msgs))
	out := make([]Outcome, len(msgs))
	for i, m := range msgs {
		built[i], out[i].Err = build(c.From, m)
	}
	if err := client.DialWithContext(ctx); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	defer func() { _ = client.Close() }()
	for i, m := range built {
		if m == nil {
			continue // a message that could not be built is refused for good
		}
		if err := client.Send(m); err != nil {
			out[i] = Outcome{Err: err, Temporary: m.SendErrorIsTemp() || isConnection(err)}
			if isConnection(err) {
				// The connection is gone: the rest wait too.
				for j := i + 1; j < len(built); j++ {
					if built[j] != nil {
						out[j] = Outcome{Err: err, Temporary: true}
					}
				}
				break
			}
		}
	}
	return out, nil
}

func build(from string, m Message) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mailer: sender: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mailer: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	if m.ID != "" {
		msg.SetMessageIDWithValue(m.ID)
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	return msg, nil
}

// isConnection says the error is about the connection rather than the message.
func isConnection(err error) bool {
	var se *mail.SendError
	if errors.As(err, &se) {
		return se.Reason == mail.ErrConnCheck || se.Reason == mail.ErrSMTPReset
	}
	return false
}
