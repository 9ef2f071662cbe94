package skp

// The longest texts of a plan and its year, in characters. The checks below refuse
// longer ones, the forms carry them as maxlength and as a hint, and the database's
// CHECK constraints repeat them as the last line of defence.
const (
	MaxUraian     = 1000 // an RHK's uraian, an IKI's indikator
	MaxPenugasan  = 500  // the head of an OPD's "penugasan dari"
	MaxSatuan     = 50   // a numeric target's unit
	MaxTargetTeks = 500  // a qualitative target
	MaxEkspektasi = 2000 // an ekspektasi khusus pimpinan
	MaxLampiran   = 4000 // each of the three attachments
	MaxCatatan    = 2000 // the penilai's note on approval or return
	MaxTeks       = 2000 // a realisasi's keterangan, a message of umpan balik
)
