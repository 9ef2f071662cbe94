package auth

import "time"

// Login throttling. Failed logins are counted against three keys, each with its own
// policy (Limits):
//
//   - a NIP from one client address (KeyPair): 5 failures in 15 minutes hold that
//     pair for 15 minutes. This is the lock a guesser meets, and it holds only the
//     guesser's address: the owner of the NIP signs in from anywhere else.
//   - a NIP from anywhere (KeyNIP): from the 21st failure in 15 minutes, each failure
//     holds the NIP everywhere for a growing delay, 1 s doubling to at most 1 minute.
//     One address can add at most 5 failures to it per window, so no single address
//     can delay the owner; many addresses together slow the owner by at most a
//     minute per attempt, and never lock them out.
//   - a client address (KeyIP): 30 failures in 15 minutes, over any NIPs, hold the
//     address for 15 minutes (KINERJA_LOGIN_IP_FAILURES for offices behind one
//     address).
//
// An attempt while a key holds is refused before the password is checked and is not
// counted. A successful login clears the pair and the NIP. The Admin BKD sees every
// key that holds, and may lift it.

// Jenis of a throttle key.
const (
	KeyPair = "pair"
	KeyNIP  = "nip"
	KeyIP   = "ip"
)

// Key names what failures are counted against.
type Key struct {
	Jenis  string // KeyPair, KeyNIP or KeyIP
	NIP    string // for KeyPair and KeyNIP
	Alamat string // the client address, for KeyPair and KeyIP
}

// String is the key's stored name.
func (k Key) String() string {
	switch k.Jenis {
	case KeyPair:
		return "pair:" + k.NIP + "|" + k.Alamat
	case KeyNIP:
		return "nip:" + k.NIP
	}
	return "ip:" + k.Alamat
}

// LoginKeys are the keys of a login attempt: the pair, the NIP and the address.
func LoginKeys(nip, ip string) []Key {
	return []Key{{Jenis: KeyPair, NIP: nip, Alamat: ip}, {Jenis: KeyNIP, NIP: nip}, {Jenis: KeyIP, Alamat: ip}}
}

// ThrottlePolicy bounds failed logins per key. Once the failures within Window reach
// MaxFailures, each failure holds the key for Lockout, doubled for every failure
// beyond MaxFailures up to MaxLockout (MaxLockout <= Lockout: a fixed hold).
type ThrottlePolicy struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
	MaxLockout  time.Duration
}

// HoldAfter is how long a key is held after its failures-th failure in the window;
// 0 when it is not held.
func (p ThrottlePolicy) HoldAfter(failures int) time.Duration {
	if p.MaxFailures <= 0 || failures < p.MaxFailures {
		return 0
	}
	hold := p.Lockout
	for i := p.MaxFailures; i < failures && hold < p.MaxLockout; i++ {
		hold *= 2
	}
	if p.MaxLockout > p.Lockout && hold > p.MaxLockout {
		hold = p.MaxLockout
	}
	return hold
}

// Limits are the login throttle's policies.
type Limits struct {
	Pair, NIP, IP ThrottlePolicy
}

// Policy returns the policy for a key's jenis.
func (l Limits) Policy(jenis string) ThrottlePolicy {
	switch jenis {
	case KeyPair:
		return l.Pair
	case KeyNIP:
		return l.NIP
	}
	return l.IP
}

// DefaultLimits are the policies described above.
var DefaultLimits = Limits{
	Pair: ThrottlePolicy{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute},
	NIP:  ThrottlePolicy{MaxFailures: 21, Window: 15 * time.Minute, Lockout: time.Second, MaxLockout: time.Minute},
	IP:   ThrottlePolicy{MaxFailures: 30, Window: 15 * time.Minute, Lockout: 15 * time.Minute},
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
	BelumDibaca        int // unread notices, counted up to 100
}
