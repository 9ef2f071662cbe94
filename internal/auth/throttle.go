package auth

import "time"

// ThrottlePolicy bounds failed logins per key (a NIP, or a client address).
// After MaxFailures failures within Window, the key is locked for Lockout.
type ThrottlePolicy struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}

// Limits are the login throttle's policies, per NIP and per client address.
type Limits struct {
	NIP, IP ThrottlePolicy
}

// DefaultLimits: per NIP, 5 failures in 15 minutes lock it for 15 minutes; per client
// address, 30 failures in 15 minutes lock it for 15 minutes.
var DefaultLimits = Limits{
	NIP: ThrottlePolicy{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute},
	IP:  ThrottlePolicy{MaxFailures: 30, Window: 15 * time.Minute, Lockout: 15 * time.Minute},
}

// WithIPFailures returns l allowing n failures per client address (n <= 0: unchanged).
// Offices whose staff share one address may need more than the default.
func (l Limits) WithIPFailures(n int) Limits {
	if n > 0 {
		l.IP.MaxFailures = n
	}
	return l
}

// Roles are what a signed-in person may do. Admin BKD is a flag on the account;
// Penilai and Kepala OPD follow from the organisation tree.
type Roles struct {
	AdminBKD  bool
	Penilai   bool // has at least one active direct subordinate
	KepalaOPD bool // heads the root unit of an OPD
}

// Principal is the signed-in person.
type Principal struct {
	AkunID             int64
	PegawaiID          int64
	NIP                string
	Nama               string // with gelar
	OPDID              int64
	Roles              Roles
	HarusGantiPassword bool
}
