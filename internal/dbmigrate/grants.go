package dbmigrate

import (
	"fmt"
	"regexp"
	"strings"
)

// The application's role owns nothing: the schema and its tables belong to the role
// that runs the migrations. The application's role may read and write rows and use
// the sequences, nothing more. It cannot TRUNCATE, ALTER or DROP a table, disable a
// trigger, add a trigger or a reference, and it may only read and append to the
// append-only tables (audit_log, penilaian_riwayat, periode_penugasan). Because it
// owns no table, the triggers that refuse writes to a closed period, to locked plans
// and to the append-only tables bind it without exception.
//
// appendOnly are the tables the application may only read and append to.
var appendOnly = []string{"audit_log", "penilaian_riwayat", "periode_penugasan"}

var roleName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// GrantSQL returns the statements, run by the owner of the schema after the
// migrations, that give role what the application needs and nothing more. It also
// sets the owner's default privileges, so tables that later migrations add are
// granted the same way. role must be a plain lower-case identifier.
func GrantSQL(role string) (string, error) {
	if !roleName.MatchString(role) {
		return "", fmt.Errorf("dbmigrate: role %q: want a lower-case identifier", role)
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+";\n", a...) }
	w("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
	w("GRANT USAGE ON SCHEMA public TO %s", role)
	w("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %s", role)
	w("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s", role)
	w("REVOKE UPDATE, DELETE ON %s FROM %s", strings.Join(appendOnly, ", "), role)
	w("REVOKE ALL ON schema_migrations FROM %s", role)
	w("GRANT SELECT ON schema_migrations TO %s", role)
	w("REVOKE ALL ON river_migration FROM %s", role)
	w("GRANT SELECT ON river_migration TO %s", role)
	w("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %s", role)
	w("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %s", role)
	w("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s", role)
	w("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %s", role)
	return b.String(), nil
}
