package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"kinerja/internal/apperr"
	"kinerja/internal/periode"
	"kinerja/web/view"
)

// errNoPeriod is shownPeriod's answer when no period has been opened yet; pages show
// their empty state for it.
var errNoPeriod = errors.New("no started period")

// shownPeriod is the period a per-period page shows: the started period of the year
// in the request's tahun (query or form), else the latest started one. It also
// returns the selector that switches the page at action to another period, keeping
// the query parameters named in keep. A tahun that is not a started period is
// apperr.NotFound; no started period at all is errNoPeriod.
func (s *Server) shownPeriod(r *http.Request, action string, keep ...string) (periode.Periode, view.PeriodChoice, error) {
	list, err := s.store.StartedPeriods(r.Context())
	if err != nil {
		return periode.Periode{}, view.PeriodChoice{}, err
	}
	if len(list) == 0 {
		return periode.Periode{}, view.PeriodChoice{}, errNoPeriod
	}
	per := list[0]
	if t := r.FormValue("tahun"); t != "" {
		y, err := strconv.Atoi(t)
		i := 0
		for i < len(list) && (err != nil || list[i].Settings.Tahun != y) {
			i++
		}
		if i == len(list) {
			return per, view.PeriodChoice{}, apperr.New(apperr.NotFound, "Periode tahun %s tidak ada atau belum dibuka.", t)
		}
		per = list[i]
	}
	return per, periodChoice(r, list, per, action, keep...), nil
}

// periodChoice builds the selector of periods list with per chosen.
func periodChoice(r *http.Request, list []periode.Periode, per periode.Periode, action string, keep ...string) view.PeriodChoice {
	c := view.PeriodChoice{Action: action, Tahun: per.Settings.Tahun}
	for _, k := range keep {
		if v := r.URL.Query().Get(k); v != "" {
			c.Keep = append(c.Keep, view.Param{Name: k, Value: v})
		}
	}
	for _, x := range list {
		c.Options = append(c.Options, view.Option{Value: strconv.Itoa(x.Settings.Tahun),
			Label: fmt.Sprintf("%d (%s)", x.Settings.Tahun, x.Fase.Label()), Selected: x.ID == per.ID})
	}
	// Links inside the page stay in a period other than the default one.
	if len(list) > 0 && list[0].ID != per.ID {
		c.Param = "tahun=" + strconv.Itoa(per.Settings.Tahun) + "&"
	}
	return c
}
