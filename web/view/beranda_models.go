package view

// Beranda is the home page.
type Beranda struct {
	Identity Identity
	Peran    []string
	Cards    []Card
	Tugas    []Tugas
	Kabar    []Tugas // what happened to the person since they last looked
}

// Tugas is something the signed-in person owes, with its deadline.
type Tugas struct {
	Teks, Href, Link, Tenggat string
	Terlambat                 bool
}

// Card is a role panel on the Beranda with a figure and a link.
type Card struct {
	Title  string
	Figure string
	Text   string
	Href   string
	Link   string
}
