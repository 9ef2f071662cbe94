// Package web is Kinerja's HTTP layer: the chi router, middleware (sessions, CSRF,
// roles, security headers), one handler file per resource, and form handling.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"net/netip"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/riverqueue/river"

	"kinerja/internal/auth"
	"kinerja/internal/mailer"
	"kinerja/internal/metrics"
	"kinerja/internal/notif"
	"kinerja/internal/org"
	"kinerja/internal/pdf"
	"kinerja/internal/store"
	"kinerja/web/static"
)

// Options configure the server.
type Options struct {
	// Store is the PostgreSQL store itself: it has one implementation, and the tests
	// run the handlers against it on a real database, so an interface would only
	// repeat its method set.
	Store        *store.Store
	Sessions     *scs.SessionManager
	Logger       *slog.Logger
	Location     *time.Location
	CookieSecure bool
	SessionIdle  time.Duration // sign out after this long without a request; 0: never
	BenchRoutes  bool
	Now          func() time.Time // nil: time.Now
	PDF          *pdf.Renderer    // nil: PDF downloads answer 503
	// Sealer encrypts the bulk account lists at rest (config SecretKey); nil: bulk
	// account creation reports that the key is missing.
	Sealer *auth.Sealer
	// Workers, when set, receives the server's job workers (AddWorkers); the caller
	// starts a queue.Start client with it.
	Workers *river.Workers
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client
	// (for the login throttle, the audit log and the logs). Empty: trust none.
	TrustedProxies []netip.Prefix
	// LoginIPFailures is how many failed logins a client address may make in 15
	// minutes before it is locked out for 15; 0: auth.DefaultLimits (30).
	LoginIPFailures int
	// UploadTimeout bounds reading one form or upload; a slower one is answered 408.
	// 0: 2 minutes.
	UploadTimeout time.Duration
	// MaxBawahan is the number of direct subordinates above which Periksa data lists
	// a penilai; 0: org.DefaultMaxBawahan.
	MaxBawahan int
	// SMTP is the mail server; without a host, mail waits in the outbox.
	SMTP mailer.Config
	// BaseURL is the site's address in mail ("" : http://localhost:8080).
	BaseURL string
	// ReminderHour is the local hour from which reminders go out (nil:
	// notif.JamPengingat).
	ReminderHour *int
	// MailRate is the most mails a second this instance hands to SMTP (0: no limit).
	MailRate int
	// Metrics, when set, are recorded (requests, logins, mail); MetricsToken, when
	// set too, serves them at /metrics to a request bearing it.
	Metrics      *metrics.Metrics
	MetricsToken string
}

// Server holds the handlers' dependencies.
type Server struct {
	store    *store.Store
	sessions *scs.SessionManager
	log      *slog.Logger
	loc      *time.Location
	secure   bool
	idle     time.Duration
	now      func() time.Time
	sealer   *auth.Sealer
	pdf      *pdf.Renderer
	// loginLimits throttle failed logins.
	loginLimits auth.Limits
	outage      outage
	// uploadTimeout bounds reading a form's body (Options.UploadTimeout).
	uploadTimeout time.Duration
	maxBawahan    int
	smtp          mailer.Config
	baseURL       string
	reminderHour  int
	mailRate      int
	metrics       *metrics.Metrics
}

// New returns the whole application as one http.Handler.
func New(o Options) http.Handler {
	s := &Server{store: o.Store, sessions: o.Sessions, log: o.Logger, loc: o.Location, secure: o.CookieSecure, idle: o.SessionIdle, now: o.Now}
	s.pdf, s.sealer = o.PDF, o.Sealer
	s.loginLimits = auth.DefaultLimits.WithIPFailures(o.LoginIPFailures)
	s.uploadTimeout = o.UploadTimeout
	s.maxBawahan = o.MaxBawahan
	s.smtp, s.baseURL = o.SMTP, strings.TrimRight(o.BaseURL, "/")
	s.mailRate, s.metrics = o.MailRate, o.Metrics
	s.reminderHour = notif.JamPengingat
	if o.ReminderHour != nil {
		s.reminderHour = *o.ReminderHour
	}
	if s.baseURL == "" {
		s.baseURL = "http://localhost:8080"
	}
	if s.maxBawahan <= 0 {
		s.maxBawahan = org.DefaultMaxBawahan
	}
	if s.uploadTimeout <= 0 {
		s.uploadTimeout = 2 * time.Minute
	}
	if s.sessions != nil {
		// A session that cannot be read because the database is down is a 503 too.
		sessionError := SessionError(s.log)
		s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
			if store.Unavailable(err) {
				s.unavailable(w, r, err)
				return
			}
			sessionError(w, r, err)
		}
	}
	if o.Workers != nil {
		s.AddWorkers(o.Workers)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = slog.New(withRequestID{s.log.Handler()})

	r := chi.NewRouter()
	// GetHead answers HEAD on every GET route with the GET handler, body discarded.
	r.Use(requestID, s.instrument, clientAddr(o.TrustedProxies), s.recoverer, s.logRequests, securityHeaders, middleware.GetHead)
	// Error pages know who is signed in, so the menu stays in place.
	withSession := func(h http.HandlerFunc) http.HandlerFunc {
		return withPrincipalSlot(s.sessions.LoadAndSave(s.csrf(cleanInput(s.loadPrincipal(noStore(h)))))).ServeHTTP
	}
	r.NotFound(withSession(s.notFound))
	r.MethodNotAllowed(withSession(s.methodNotAllowed))

	staticFS, _ := fs.Sub(static.FS, ".")
	r.Handle("/static/*", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(filesOnly{staticFS}))))
	if o.Metrics != nil && o.MetricsToken != "" {
		r.Handle("/metrics", o.Metrics.Handler(o.MetricsToken))
	}
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	if o.BenchRoutes {
		r.Get("/bench/baseline", s.benchBaseline)
		// Profiles for make bench runs only (KINERJA_BENCH_ROUTES), never in production.
		r.HandleFunc("/debug/pprof/*", pprof.Index)
		r.HandleFunc("/debug/pprof/profile", pprof.Profile)
	}

	r.Group(func(r chi.Router) {
		r.Use(withPrincipalSlot, s.sessions.LoadAndSave, s.csrf, cleanInput, s.loadPrincipal, noStore)
		r.Get("/login", s.loginForm)
		r.Post("/login", s.login)
		r.Post("/logout", s.logout)
		form(r, "/lupa-sandi", s.lupaSandi)
		form(r, "/lupa-sandi/atur", s.aturSandi)
		form(r, "/surel/konfirmasi", s.konfirmasiSurel)

		r.Group(func(r chi.Router) {
			r.Use(s.requireLogin, s.requirePasswordChange)
			form(r, "/akun/kata-sandi", s.changePassword)
			r.Get("/", s.beranda)
			r.Get("/pemberitahuan", s.pemberitahuan)
			if o.BenchRoutes {
				r.Post("/bench/tulis", s.benchWrite)
			}
			r.Post("/pemberitahuan/dibaca", s.tandaiDibaca)
			form(r, "/pemberitahuan/pengaturan", s.surelSettings)
			r.Get("/pemberitahuan/{id}", s.bukaPemberitahuan)
			r.Get("/bawahan", s.bawahan)
			r.Get("/skp", s.mySKP)
			r.Post("/skp/buat", s.startSKP(false))
			r.Post("/skp/salin", s.startSKP(true))
			r.Get("/skp/bawahan", s.skpQueue)
			r.Post("/skp/bawahan/setujui", s.skpBulkApprove)
			r.Get("/pohon", s.pohon)
			r.Get("/skp/{id}", s.showSKP)
			r.Post("/skp/{id}/ajukan", s.skpSubmit())
			r.Get("/skp/{id}/cetak", s.skpCetak)
			form(r, "/skp/{id}/realisasi", s.realisasi)
			r.Post("/skp/{id}/bukti", s.buktiUpload)
			form(r, "/skp/{id}/bukti/{bukti}/hapus", s.buktiHapus)
			r.Post("/skp/{id}/umpan-balik", s.umpanBalik)
			r.Get("/skp/{id}/linimasa", s.linimasa)
			r.Get("/skp/{id}/penilaian-diri", s.penilaianDiri)
			form(r, "/skp/{id}/rekan", s.rekan)
			form(r, "/rekan/{id}", s.jawabRekan)
			r.Post("/rekan/{id}/tolak", s.tolakRekan)
			r.Post("/skp/{id}/penilaian-diri", s.penilaianDiri)
			form(r, "/skp/{id}/penilaian", s.rating)
			r.Get("/skp/{id}/penilaian/riwayat", s.riwayatPenilaian)
			form(r, "/skp/{id}/keberatan", s.keberatan)
			r.Get("/skp/{id}/evaluasi.pdf", s.evaluasiPDF)
			r.Get("/penilaian/opd", s.kurvaOPD)
			r.With(s.requireRole(hasLaporan)).Group(func(r chi.Router) {
				r.Get("/laporan", s.laporanIndex)
				r.Get("/laporan/{jenis}", s.laporanPage)
				r.Get("/laporan/{jenis}/unduh.xlsx", s.laporanDownload("xlsx"))
				r.Get("/laporan/{jenis}/unduh.csv", s.laporanDownload("csv"))
				r.Get("/laporan/{jenis}/cetak", s.rekapCetak(false))
				r.Get("/laporan/{jenis}/cetak.pdf", s.rekapCetak(true))
			})
			r.With(s.requireRole(func(p auth.Principal) bool { return p.Roles.AdminBKD || p.Roles.KepalaOPD })).Get("/periksa", s.periksa)
			r.With(s.requireRole(func(p auth.Principal) bool { return p.Roles.AdminBKD || p.Roles.KepalaOPD })).Group(func(r chi.Router) {
				r.Get("/kalibrasi", s.kalibrasi)
				r.Post("/kalibrasi/tetapkan", s.kalibrasiTetapkan)
				form(r, "/kalibrasi/ubah/{id}", s.kalibrasiUbah)
			})
			r.With(s.requireRole(func(p auth.Principal) bool { return p.Roles.Penilai })).Group(func(r chi.Router) {
				r.Get("/penilaian", s.unitPenilaian)
				r.Post("/penilaian/tetapkan", s.tetapkan)
				r.Post("/penilaian/evaluasi.zip", s.evaluasiZIP)
			})
			r.Get("/penilaian/unduhan/{id}", s.unduhan)
			r.Get("/penilaian/unduhan/{id}/zip", s.unduhan)
			r.Get("/keberatan", s.daftarKeberatan)
			r.Get("/bukti/{id}", s.buktiDownload)
			r.Get("/skp/{id}/pdf", s.skpPDF)
			r.Post("/skp/{id}/keputusan", s.skpDecide())
			r.Post("/skp/{id}/perubahan", s.skpRevise())
			form(r, "/skp/{id}/rhk/baru", s.rhkForm())
			form(r, "/skp/{id}/rhk/{rhk}/ubah", s.rhkForm())
			form(r, "/skp/{id}/rhk/{rhk}/hapus", s.skpDelete("rhk"))
			form(r, "/skp/{id}/rhk/{rhk}/iki/baru", s.ikiForm())
			form(r, "/skp/{id}/iki/{iki}/ubah", s.ikiForm())
			form(r, "/skp/{id}/iki/{iki}/hapus", s.skpDelete("iki"))
			form(r, "/skp/{id}/lampiran", s.lampiranForm())
			form(r, "/skp/{id}/ekspektasi", s.ekspektasiForm())
			r.Get("/pegawai/{id}", s.pegawaiProfile)
			r.Get("/pegawai/{id}/kinerja", s.riwayatKinerja)
			r.Get("/riwayat", s.myKinerja)
			// Admin BKD, or the kepala of that OPD.
			r.Get("/organisasi/{id}", s.opdDetail)
			r.Get("/organisasi/unit/{id}", s.unitDetail)

			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(func(p auth.Principal) bool { return p.Roles.AdminBKD }))
				r.Get("/organisasi", s.opdList)
				form(r, "/organisasi/baru", s.opdForm)
				form(r, "/organisasi/{id}/ubah", s.opdForm)
				form(r, "/organisasi/{id}/nonaktifkan", s.opdAktif(false))
				form(r, "/organisasi/{id}/aktifkan", s.opdAktif(true))
				form(r, "/organisasi/unit/baru", s.unitForm)
				form(r, "/organisasi/unit/{id}/ubah", s.unitForm)
				form(r, "/organisasi/unit/{id}/nonaktifkan", s.unitAktif(false))
				form(r, "/organisasi/unit/{id}/aktifkan", s.unitAktif(true))
				form(r, "/organisasi/jabatan/baru", s.jabatanForm)
				form(r, "/organisasi/jabatan/{id}/ubah", s.jabatanForm)
				form(r, "/organisasi/jabatan/{id}/nonaktifkan", s.jabatanAktif(false))
				form(r, "/organisasi/jabatan/{id}/aktifkan", s.jabatanAktif(true))
				r.Get("/pegawai", s.pegawaiSearch)
				r.Get("/pegawai/baru", s.pegawaiNew)
				r.Post("/pegawai/baru", s.pegawaiSave)
				r.Get("/pegawai/{id}/ubah", s.pegawaiEdit)
				r.Post("/pegawai/{id}/ubah", s.pegawaiSave)
				form(r, "/pegawai/{id}/nonaktifkan", s.pegawaiAktif(false))
				form(r, "/pegawai/{id}/aktifkan", s.pegawaiAktif(true))
				r.Get("/pegawai/ekspor.csv", s.exportCSV)
				r.Get("/pegawai/ekspor.xlsx", s.exportXLSX)
				form(r, "/pegawai/{id}/akun/sandi", s.akunSandi)
				form(r, "/pegawai/{id}/akun/admin", s.akunAdmin)
				r.Get("/akun", s.bulkForm)
				r.Get("/audit", s.auditPage)
				r.Get("/surel", s.kotakKeluar)
				r.Get("/surel/{id}", s.surelDetail)
				r.Post("/surel/{id}/kirim-ulang", s.kirimUlang)
				r.Get("/audit/unduh.xlsx", s.auditDownload("xlsx"))
				r.Get("/audit/unduh.csv", s.auditDownload("csv"))
				r.Get("/akun/terkunci", s.loginLocks)
				r.Post("/akun/terkunci/buka", s.liftLoginLock)
				r.Post("/akun/massal", s.bulkStart)
				r.Get("/akun/massal/{id}", s.bulkStatus)
				r.Get("/akun/massal/{id}/daftar.csv", s.bulkDownload)
				r.Post("/akun/massal/{id}/hapus", s.bulkDelete)
				r.Get("/periode", s.periodeList)
				form(r, "/frasa", s.frasaPage)
				form(r, "/periode/baru", s.periodeForm)
				r.Get("/periode/{id}", s.periodeDetail)
				form(r, "/periode/{id}/ubah", s.periodeForm)
				form(r, "/periode/{id}/fase", s.periodeMove)
				form(r, "/periode/{id}/buka-kembali", s.periodeReopen)
				form(r, "/periode/{id}/peserta", s.pesertaList)
				r.Get("/periode/{id}/peserta/{pegawai}", s.pesertaDetail)
				r.Post("/periode/{id}/peserta/{pegawai}/penilai", s.pesertaChange(false))
				r.Post("/periode/{id}/peserta/{pegawai}/keluarkan", s.pesertaChange(true))
				r.Post("/periode/{id}/peserta/{pegawai}/mutasi", s.pesertaMutasi)
				form(r, "/periode/{id}/predikat", s.predikatPage)
				r.Get("/impor", s.imporForm)
				r.Post("/impor", s.imporUpload)
				r.Get("/impor/templat.csv", s.imporTemplateCSV)
				r.Get("/impor/templat.xlsx", s.imporTemplateXLSX)
				r.Get("/impor/{id}", s.imporStatus)
				r.Get("/impor/{id}/galat.csv", s.imporProblemsCSV)
				r.Post("/impor/{id}/terapkan", s.imporApply)
				r.Post("/impor/{id}/batal", s.imporCancel)
			})
		})
	})
	return r
}

// form routes a page that shows a form (GET) and takes it (POST) to one handler.
func form(r chi.Router, path string, h http.HandlerFunc) {
	r.Get(path, h)
	r.Post(path, h)
}

// cacheStatic serves the static files with a cache header.
func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// filesOnly serves files and never a directory: a directory is not found, so the
// file server lists nothing.
type filesOnly struct{ fs.FS }

func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := file.Stat()
	if err != nil || st.IsDir() {
		_ = file.Close()
		return nil, fs.ErrNotExist
	}
	return file, nil
}
