package penilaian_test

import (
	"encoding/json"
	"strings"
	"testing"

	"kinerja/internal/penilaian"
)

func TestSasaran(t *testing.T) {
	for in, want := range map[string]penilaian.Sasaran{"rhk:12": penilaian.RHKSasaran(12), "nilai:7": penilaian.NilaiSasaran(7)} {
		got, ok := penilaian.ParseSasaran(in)
		if !ok || got != want || got.String() != in {
			t.Errorf("ParseSasaran(%q) = %+v %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "rhk:", "rhk:0", "rhk:-3", "rhk:1x", "nilai:0", "nilai:8", "nilai:x", "status", "'rhk:1' OR 1=1"} {
		if s, ok := penilaian.ParseSasaran(bad); ok {
			t.Errorf("ParseSasaran(%q) accepted: %+v", bad, s)
		}
	}
	if (penilaian.Sasaran{RHK: 1, Nilai: 1}).Valid() || (penilaian.Sasaran{}).Valid() {
		t.Error("a sasaran about both or neither is valid")
	}
	b, err := json.Marshal(map[penilaian.Sasaran]penilaian.Item{penilaian.RHKSasaran(3): {Sasaran: penilaian.RHKSasaran(3), Rating: penilaian.Sesuai}})
	if err != nil || string(b) != `{"rhk:3":{"Sasaran":"rhk:3","Rating":"sesuai","UmpanBalik":""}}` {
		t.Errorf("json: %s %v", b, err)
	}
}

// form is a rating form of a plan of two Utama RHK and one Tambahan.
func form(rhk [3]penilaian.Rating, nilai penilaian.Rating, hk, pk penilaian.Rating, alasan string) penilaian.Input {
	in := penilaian.Input{Checkin: 1, HasilKerja: hk, Perilaku: pk, Alasan: alasan, Version: 4}
	for i, r := range rhk {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.RHKSasaran(int64(10 + i)), Rating: r})
	}
	for n := 1; n <= 7; n++ {
		in.Items = append(in.Items, penilaian.Item{Sasaran: penilaian.NilaiSasaran(n), Rating: nilai})
	}
	return in
}

var plan = []penilaian.PlanRHK{{Kunci: 10, Utama: true}, {Kunci: 11, Utama: true}, {Kunci: 12}}

func TestCheckInputAccepts(t *testing.T) {
	A, S, B := penilaian.DiAtas, penilaian.Sesuai, penilaian.DiBawah
	for _, c := range []struct {
		name          string
		in            penilaian.Input
		saran, hk     penilaian.Rating
		alasan        string
		items         int
		keepsReasonOf string
	}{
		{"the suggestion taken", form([3]penilaian.Rating{A, A, S}, S, A, S, "tidak perlu"), A, A, "", 10, ""},
		{"a departure with a reason", form([3]penilaian.Rating{A, A, S}, S, S, S, " Bukti belum lengkap. "), A, S, "Bukti belum lengkap.", 10, ""},
		{"an Utama RHK below stops Di Atas", form([3]penilaian.Rating{A, B, A}, S, S, S, ""), S, S, "", 10, ""},
		{"most below", form([3]penilaian.Rating{B, B, S}, S, B, S, ""), B, B, "", 10, ""},
		{"a draft without Hasil Kerja", form([3]penilaian.Rating{A, "", ""}, "", "", "", ""), "", "", "", 1, ""},
	} {
		got, errs := penilaian.CheckInput(c.in, plan)
		if errs != nil {
			t.Errorf("%s: refused: %v", c.name, errs)
			continue
		}
		if got.SaranHK != c.saran || got.HasilKerja != c.hk || got.Alasan != c.alasan || len(got.Items) != c.items || got.Version != 4 || got.Checkin != 1 {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
}

func TestCheckInputRefuses(t *testing.T) {
	A, S := penilaian.DiAtas, penilaian.Sesuai
	r10, n3 := penilaian.RHKSasaran(10), penilaian.NilaiSasaran(3)
	long := strings.Repeat("x", 2001)
	for _, c := range []struct {
		name  string
		edit  func(*penilaian.Input)
		field string
		msg   string
	}{
		{"an unknown level", func(in *penilaian.Input) { in.Items[0].Rating = "luar biasa" }, penilaian.FieldRating(r10), "Pilih salah satu dari tiga tingkat."},
		{"umpan balik without a rating", func(in *penilaian.Input) { in.Items[0].Rating, in.Items[0].UmpanBalik = "", "Bagus" }, penilaian.FieldRating(r10),
			"Pilih penilaian untuk umpan balik ini."},
		{"umpan balik too long", func(in *penilaian.Input) { in.Items[0].UmpanBalik = long }, penilaian.FieldUmpanBalik(r10), "Umpan balik paling banyak 2.000 karakter."},
		{"Hasil Kerja before every RHK", func(in *penilaian.Input) { in.Items[2].Rating = "" }, penilaian.FieldHasilKerja,
			"Nilai setiap RHK lebih dulu; Hasil Kerja disarankan dari nilai RHK."},
		{"Hasil Kerja of an unknown level", func(in *penilaian.Input) { in.HasilKerja = "x" }, penilaian.FieldHasilKerja, "Pilih salah satu dari tiga tingkat."},
		{"a departure without a reason", func(in *penilaian.Input) { in.HasilKerja, in.Alasan = S, "  " }, penilaian.FieldAlasan,
			"Hasil Kerja berbeda dari saran (Di Atas Ekspektasi): tuliskan alasannya."},
		{"a reason too long", func(in *penilaian.Input) { in.HasilKerja, in.Alasan = S, long }, penilaian.FieldAlasan, "Alasan paling banyak 2.000 karakter."},
		{"Perilaku before every value", func(in *penilaian.Input) { in.Items[3+2].Rating = "" }, penilaian.FieldPerilaku, "Nilai ketujuh nilai BerAKHLAK lebih dulu."},
		{"a value of an unknown level", func(in *penilaian.Input) { in.Items[3+2].Rating = "?" }, penilaian.FieldRating(n3), "Pilih salah satu dari tiga tingkat."},
		{"an RHK of another plan", func(in *penilaian.Input) { in.Items[0].Sasaran = penilaian.RHKSasaran(99) }, penilaian.FieldRHK, "RHK tidak ditemukan pada SKP ini."},
	} {
		in := form([3]penilaian.Rating{A, A, S}, S, A, S, "")
		c.edit(&in)
		_, errs := penilaian.CheckInput(in, plan)
		if errs[c.field] != c.msg {
			t.Errorf("%s: %v, want %s: %q", c.name, errs, c.field, c.msg)
		}
	}
	if _, errs := penilaian.CheckInput(form([3]penilaian.Rating{A, A, A}, S, A, S, ""), nil); errs[penilaian.FieldRHK] == "" {
		t.Errorf("a plan without RHK: %v", errs)
	}
}

func TestCheckDiri(t *testing.T) {
	ok := []penilaian.Diri{{Sasaran: penilaian.RHKSasaran(1), Rating: penilaian.DiAtas, Komentar: "  rapi  "}, {Sasaran: penilaian.NilaiSasaran(2)}}
	got, errs := penilaian.CheckDiri(ok)
	if errs != nil || got[0].Komentar != "rapi" {
		t.Fatalf("accepted form: %+v %v", got, errs)
	}
	for _, c := range []struct {
		d     penilaian.Diri
		field string
	}{
		{penilaian.Diri{Sasaran: penilaian.NilaiSasaran(2), Rating: "x"}, penilaian.FieldRating(penilaian.NilaiSasaran(2))},
		{penilaian.Diri{Sasaran: penilaian.NilaiSasaran(2), Komentar: "tanpa nilai"}, penilaian.FieldRating(penilaian.NilaiSasaran(2))},
		{penilaian.Diri{Sasaran: penilaian.NilaiSasaran(2), Rating: penilaian.Sesuai, Komentar: strings.Repeat("é", 2001)}, penilaian.FieldKomentar(penilaian.NilaiSasaran(2))},
		{penilaian.Diri{Rating: penilaian.Sesuai}, penilaian.FieldRHK},
	} {
		if _, errs := penilaian.CheckDiri([]penilaian.Diri{c.d}); errs[c.field] == "" {
			t.Errorf("%+v: %v, want an error on %s", c.d, errs, c.field)
		}
	}
}

func TestPeerRules(t *testing.T) {
	if penilaian.AggregateShown(true, 2, 3) || !penilaian.AggregateShown(true, 3, 3) || !penilaian.AggregateShown(true, 5, 3) {
		t.Error("the anonymity threshold")
	}
	if penilaian.AggregateShown(false, 5, 3) {
		t.Error("answers shown before the release")
	}
	all := map[int]penilaian.Rating{}
	for n := 1; n <= 7; n++ {
		all[n] = penilaian.Sesuai
	}
	if k, errs := penilaian.CheckJawaban(all, "  Sigap.  "); errs != nil || k != "Sigap." {
		t.Errorf("%q %v", k, errs)
	}
	all[4] = ""
	if _, errs := penilaian.CheckJawaban(all, strings.Repeat("k", 2001)); errs[penilaian.FieldJawaban(4)] == "" || errs[penilaian.FieldKomentarRekan] == "" || len(errs) != 2 {
		t.Errorf("refusals: %v", errs)
	}
}

func TestCheckDiriChosen(t *testing.T) {
	if err := penilaian.CheckDiriChosen([]penilaian.Diri{{Sasaran: penilaian.NilaiSasaran(1)}, {Sasaran: penilaian.RHKSasaran(2)}}); err != penilaian.ErrDiriKosong {
		t.Errorf("nothing chosen: %v", err)
	}
	if err := penilaian.CheckDiriChosen([]penilaian.Diri{{Sasaran: penilaian.NilaiSasaran(1)}, {Sasaran: penilaian.RHKSasaran(2), Rating: penilaian.Sesuai}}); err != nil {
		t.Errorf("one chosen: %v", err)
	}
}
