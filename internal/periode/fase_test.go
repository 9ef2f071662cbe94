package periode_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
)

// TestPhaseTable states the whole table again, activity by activity, phase by
// phase, for a check-in and for the year: D(raft), R (perencanaan), L (pelaksanaan),
// P(enilaian), S(elesai).
func TestPhaseTable(t *testing.T) {
	want := map[periode.Activity][2]string{
		periode.CreateSKP:       {"RL", "RL"},
		periode.EditSKP:         {"RL", "RL"},
		periode.ApproveSKP:      {"RL", "RL"},
		periode.ViewRealisasi:   {"LPS", "LPS"},
		periode.RecordRealisasi: {"LP", "LP"},
		periode.GiveUmpanBalik:  {"LP", "LP"},
		periode.SelfAssess:      {"LP", "P"},
		periode.PeerReview:      {"L", "L"},
		periode.Rate:            {"LP", "P"},
		periode.Publish:         {"LP", "P"},
		periode.Keberatan:       {"DRLP", "DRLP"},
		periode.ChangeSettings:  {"DRLP", "DRLP"},
		periode.ChangeTahun:     {"D", "D"},
		periode.ChangePeserta:   {"RLP", "RLP"},
	}
	letter := map[periode.Fase]string{periode.Draft: "D", periode.Perencanaan: "R", periode.Pelaksanaan: "L", periode.Penilaian: "P", periode.Selesai: "S"}
	if len(want) != len(periode.Activities) {
		t.Fatalf("the test states %d activities, the table has %d", len(want), len(periode.Activities))
	}
	for _, a := range periode.Activities {
		w, ok := want[a]
		if !ok {
			t.Errorf("activity %q is not stated here", a.Name())
			continue
		}
		for i, checkin := range []int{2, periode.Year} {
			scope := map[int]string{2: "check-in 2", periode.Year: "the year"}[checkin]
			for _, f := range periode.Order {
				open := strings.Contains(w[i], letter[f])
				if got := periode.Allows(f, a, checkin); got != open {
					t.Errorf("%s in %s at %s: open %v, want %v", a.Name(), f, scope, got, open)
				}
				err := periode.Check(f, a, checkin)
				if open {
					if err != nil {
						t.Errorf("%s in %s at %s: Check refused: %v", a.Name(), f, scope, err)
					}
					continue
				}
				e := apperr.As(err)
				if e == nil || e.Message == "" {
					t.Errorf("%s in %s at %s: refused without a message: %v", a.Name(), f, scope, err)
					continue
				}
				wantCode := apperr.Conflict
				if (a == periode.ChangeTahun || a == periode.ChangePeserta) && f != periode.Selesai {
					wantCode = apperr.Invalid
				}
				if e.Code != wantCode {
					t.Errorf("%s in %s at %s: code %s, want %s", a.Name(), f, scope, e.Code, wantCode)
				}
			}
		}
	}
}

func TestPhaseRefusalsSayWhen(t *testing.T) {
	for _, c := range []struct {
		f       periode.Fase
		a       periode.Activity
		checkin int
		want    string
	}{
		{periode.Selesai, periode.EditSKP, periode.Year, "Periode ini sudah selesai (ditutup); SKP tidak dapat diubah."},
		{periode.Penilaian, periode.EditSKP, periode.Year, "SKP hanya dapat diubah pada fase Perencanaan atau Pelaksanaan."},
		{periode.Selesai, periode.CreateSKP, periode.Year, "SKP hanya dapat dibuat pada fase Perencanaan atau Pelaksanaan."},
		{periode.Pelaksanaan, periode.Rate, periode.Year, "Penilaian tahunan diberikan pada fase Penilaian."},
		{periode.Perencanaan, periode.Rate, 1, "Penilaian periodik diberikan pada fase Pelaksanaan dan Penilaian."},
		{periode.Pelaksanaan, periode.Publish, periode.Year, "Penilaian tahunan ditetapkan pada fase Penilaian."},
		{periode.Selesai, periode.Rate, 1, "Periode ini sudah selesai (ditutup); penilaian tidak dapat diubah."},
		{periode.Perencanaan, periode.RecordRealisasi, 1, "Realisasi dicatat pada fase Pelaksanaan dan Penilaian."},
		{periode.Pelaksanaan, periode.SelfAssess, periode.Year, "Penilaian diri akhir periode diisi pada fase Penilaian."},
		{periode.Selesai, periode.Keberatan, periode.Year, "Periode ini sudah selesai (ditutup); keberatan tidak dapat diajukan, dikomentari atau diputuskan."},
		{periode.Pelaksanaan, periode.ChangeTahun, periode.Year, "Tahun hanya dapat diubah selama periode masih draft."},
		{periode.Draft, periode.ChangePeserta, periode.Year, "Periode masih draft: peserta baru ditetapkan saat periode dibuka (fase Perencanaan)."},
	} {
		if e := apperr.As(periode.Check(c.f, c.a, c.checkin)); e == nil || e.Message != c.want {
			t.Errorf("%s in %s: %v, want %q", c.a.Name(), c.f, e, c.want)
		}
	}
	if err := periode.Check(periode.Pelaksanaan, periode.Activity(99), 1); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("an unknown activity: %v", err)
	}
}

func TestPhasePredicates(t *testing.T) {
	for _, f := range periode.Order {
		if f.Closed() != (f == periode.Selesai) || f.Started() != (f != periode.Draft) || f.Snapshots() != (f == periode.Draft) {
			t.Errorf("%s: closed %v, started %v, snapshots %v", f, f.Closed(), f.Started(), f.Snapshots())
		}
		if periode.DefaultsToYear(f) != (f == periode.Penilaian) {
			t.Errorf("%s defaults to the year: %v", f, periode.DefaultsToYear(f))
		}
	}
	if got := strings.Join(periode.StartedPhases(), ","); got != "perencanaan,pelaksanaan,penilaian,selesai" {
		t.Errorf("started phases: %s", got)
	}
	if periode.ReopensTo != periode.Penilaian {
		t.Errorf("reopens to %s", periode.ReopensTo)
	}
}

func TestCheckinAsked(t *testing.T) {
	s, _ := periode.CheckSettings(periode.DefaultInput(2026))
	cs := periode.Checkins(s)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		ke           string
		fase         periode.Fase
		today        time.Time
		asked, rated int
	}{
		{"", periode.Pelaksanaan, day(5, 10), 2, 2},
		{"", periode.Penilaian, day(5, 10), 2, periode.Year},
		{"3", periode.Penilaian, day(5, 10), 3, 3},
		{"0", periode.Pelaksanaan, day(5, 10), 2, periode.Year},
		{"9", periode.Pelaksanaan, day(8, 1), 3, 3},
		{"x", periode.Penilaian, day(8, 1), 3, 3},
		{"", periode.Pelaksanaan, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), 1, 1},
		{"", periode.Pelaksanaan, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), 4, 4},
		{"", periode.Pelaksanaan, day(3, 31), 1, 1},
		{"", periode.Pelaksanaan, day(4, 1), 2, 2},
	} {
		if got := periode.CheckinAsked(c.ke, cs, c.today); got != c.asked {
			t.Errorf("CheckinAsked(%q, %s): %d, want %d", c.ke, c.today.Format(time.DateOnly), got, c.asked)
		}
		if got := periode.RatingCheckin(c.ke, c.fase, cs, c.today); got != c.rated {
			t.Errorf("RatingCheckin(%q, %s, %s): %d, want %d", c.ke, c.fase, c.today.Format(time.DateOnly), got, c.rated)
		}
	}
}

func TestPeringatan(t *testing.T) {
	for to, want := range map[periode.Fase][]periode.Kekurangan{
		periode.Perencanaan: nil,
		periode.Pelaksanaan: {periode.TanpaPenilai, periode.TanpaSKP},
		periode.Penilaian:   {periode.TanpaPenilai, periode.TanpaSKP, periode.TanpaRealisasi},
		periode.Selesai:     {periode.TanpaSKP, periode.TanpaRealisasi, periode.TanpaPenilaian, periode.BelumDitetapkan, periode.KeberatanBuka},
	} {
		if got := periode.Peringatan(to); !reflect.DeepEqual(got, want) {
			t.Errorf("Peringatan(%s) = %v, want %v", to, got, want)
		}
		for _, k := range want {
			if k.Label() == string(k) {
				t.Errorf("%s has no label", k)
			}
		}
	}
}

func TestOnlyPenilaianReleasesPeerAnswers(t *testing.T) {
	for _, f := range periode.Order {
		if f.ReleasesPeerAnswers() != (f == periode.Penilaian) {
			t.Errorf("%s releases peer answers: %v", f, f.ReleasesPeerAnswers())
		}
	}
}
