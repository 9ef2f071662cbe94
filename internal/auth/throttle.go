package auth

import "time"

// ThrottlePolicy bounds failed logins per key (a NIP, or a client address).
// After MaxFailures failures within Window, the key is locked for Lockout.
type ThrottlePolicy struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}

// Default policies: per NIP, 5 failures in 15 minutes lock it for 15 minutes;
// per client address, 30 failures in 15 minutes lock it for 15 minutes.
var (
	NIPThrottle = ThrottlePolicy{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	IPThrottle  = ThrottlePolicy{MaxFailures: 30, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
)

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
