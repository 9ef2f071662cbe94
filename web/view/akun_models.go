package view

import "time"

// LoginForm is the login page's state.
type LoginForm struct {
	NIP     string
	Next    string
	Errors  map[string]string
	Message string // form-level error
}

// AkunPanel is a pegawai's account on their profile, for admins.
type AkunPanel struct {
	Ada        bool
	Aktif      bool
	AdminBKD   bool
	HarusGanti bool
	LastLogin  string
}

// PasswordShown shows a new initial password once.
type PasswordShown struct {
	Nama, NIP, Password, BackHref string
}

// ChangePasswordView is the form to change one's own password.
type ChangePasswordView struct {
	Forced  bool
	Errors  map[string]string
	Message string
}

// BulkAkunView is the bulk account page: the form, or a job's progress and result.
type BulkAkunView struct {
	OPD         []Option
	Tanpa       int // pegawai without an account in the chosen scope
	JobID       int64
	Status      string // "", berjalan, selesai, gagal
	Done, Total int
	Pesan       string
	AdaBerkas   bool   // the list of initial passwords awaits its download
	Diunduh     string // when the list was downloaded, once it was
	Errors      map[string]string
}

// LoginLockRow is a throttle key that holds logins.
type LoginLockRow struct {
	Key       string
	Jenis     string // "NIP dari satu alamat", "NIP dari semua alamat", "Alamat"
	NIP, Nama string
	PegawaiID int64
	Alamat    string
	Gagal     int
	Sampai    time.Time
}

// LoginLocksView is the Admin BKD's list of login holds.
type LoginLocksView struct {
	Rows    []LoginLockRow
	Message string // a refusal, shown on top
}
