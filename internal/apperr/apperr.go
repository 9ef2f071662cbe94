// Package apperr holds the typed errors whose messages are safe to show to users.
//
// A domain or store function returns an *Error when the cause is something the user
// can act on (bad input, missing record, conflict). Anything else is an internal
// error: the web layer logs it in full and shows a generic page.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an application error; the web layer maps it to an HTTP status.
type Code string

const (
	Invalid      Code = "invalid"      // bad input: 422
	NotFound     Code = "not_found"    // no such record: 404
	Conflict     Code = "conflict"     // duplicate or concurrent change: 409
	Forbidden    Code = "forbidden"    // not allowed for this user: 403
	Unauthorized Code = "unauthorized" // not logged in or wrong credentials: 401
	TooMany      Code = "too_many"     // throttled: 429
)

// Error is an error whose Message is safe to show to users (in Bahasa Indonesia).
// Fields maps form field names to messages shown next to those fields.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
}

// New returns an *Error with the given code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Validation returns an Invalid error carrying per-field messages.
func Validation(fields map[string]string) *Error {
	return &Error{Code: Invalid, Message: "Periksa kembali isian yang ditandai.", Fields: fields}
}

// As returns the *Error in err's chain, or nil when err is an internal error.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Is reports whether err carries an *Error with the given code.
func Is(err error, code Code) bool {
	e := As(err)
	return e != nil && e.Code == code
}
