package seed

var (
	namaDepanL = []string{"Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dimas", "Eko", "Fajar",
		"Gilang", "Hadi", "Hendra", "Imam", "Irfan", "Joko", "Kurniawan", "Muhammad", "Rizki", "Rudi",
		"Slamet", "Taufik", "Teguh", "Wahyu", "Yusuf", "Bayu", "Galih", "Hasan", "Ilham", "Yoga"}
	namaDepanP = []string{"Siti", "Sri", "Dewi", "Ratna", "Rina", "Nur", "Ani", "Lestari", "Wulan", "Fitri",
		"Indah", "Yuni", "Maya", "Putri", "Ayu", "Dian", "Eka", "Nurul", "Kartika", "Rini",
		"Mega", "Novi", "Endang", "Wahyuni", "Intan", "Tri", "Desi", "Yulia", "Aisyah", "Fatimah"}
	namaBelakang = []string{"Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Setiawan", "Nugroho",
		"Susanto", "Rahman", "Hakim", "Lubis", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Wibowo",
		"Purnomo", "Suryadi", "Gunawan", "Halim", "Sitompul", "Tanjung", "Pohan", "Daulay", "Firmansyah",
		"Ramadhan", "Syahputra", "Kurnia", "Maulana"}
	namaBelakangP = []string{"Handayani", "Rahmawati", "Maharani", "Anggraini", "Puspitasari", "Wulandari",
		"Safitri", "Lestari", "Susanti", "Permatasari"}
	tempatLahir = []string{"Kotalama", "Medan", "Padang", "Palembang", "Jakarta", "Bandung", "Semarang",
		"Yogyakarta", "Surabaya", "Makassar", "Pekanbaru", "Banda Aceh", "Pematangsiantar", "Bukittinggi", "Jambi"}

	gelarPelaksana  = []string{"", "", "", "A.Md.", "S.E.", "S.Sos.", "S.Kom.", "S.AP."}
	gelarFungsional = []string{"S.E.", "S.Kom.", "S.T.", "S.H.", "S.Sos.", "S.AP.", "M.Si.", "S.Ak."}
	gelarStruktural = []string{"S.Sos., M.Si.", "S.T., M.T.", "S.H., M.H.", "S.E., M.M.", "S.STP., M.Si.", "S.Kom., M.Kom.", "S.AP., M.AP."}
	gelarGuru       = []string{"S.Pd.", "S.Pd.", "S.Pd., M.Pd.", "S.Pd.I.", "S.Si."}
	kelurahanNames  = []string{"Sukamaju", "Sukajadi", "Mekarsari", "Sidomulyo", "Tanjung Harapan", "Pasar Baru", "Kampung Baru",
		"Bukit Indah", "Suka Damai", "Karya Jaya", "Tanjung Sari", "Sei Rampah", "Padang Bulan", "Teluk Dalam", "Air Hitam",
		"Bandar Selamat", "Cinta Damai", "Harjosari", "Gedung Johor", "Labuhan"}
	puskesmasNames = []string{"Kotalama", "Sukaramai", "Teladan", "Pasar Merah", "Sentosa Baru", "Belawan", "Amplas",
		"Simpang Limun", "Padang Bulan", "Glugur Darat", "Helvetia", "Desa Lalang"}
)
