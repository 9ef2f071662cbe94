package web

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionCodec stores session data in a small binary form. scs's default gob codec
// builds a decoder for every request, which showed as a tenth of the allocations of a
// busy page. Sessions hold only int64 and string values here. Data written by the gob
// codec still decodes, so sessions survive the switch.
type SessionCodec struct{}

const sessionMagic = 0xB1

var errSessionValue = errors.New("session: only int64, string and bool values are stored")

// Encode implements scs.Codec.
func (SessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, sessionMagic)
	b = binary.BigEndian.AppendUint64(b, uint64(deadline.UnixNano()))
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		switch x := v.(type) {
		case int64:
			b = append(b, 'i')
			b = binary.AppendVarint(b, x)
		case string:
			b = append(b, 's')
			b = binary.AppendUvarint(b, uint64(len(x)))
			b = append(b, x...)
		case bool:
			b = append(b, 'b')
			if x {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		default:
			return nil, fmt.Errorf("%w: %s is %T", errSessionValue, k, v)
		}
	}
	return b, nil
}

// Decode implements scs.Codec.
func (SessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != sessionMagic {
		return scs.GobCodec{}.Decode(b)
	}
	bad := errors.New("session: corrupt data")
	if len(b) < 9 {
		return time.Time{}, nil, bad
	}
	deadline := time.Unix(0, int64(binary.BigEndian.Uint64(b[1:9])))
	b = b[9:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > 1000 {
		return time.Time{}, nil, bad
	}
	b = b[k:]
	values := make(map[string]any, n)
	readBytes := func() ([]byte, bool) {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l {
			return nil, false
		}
		out := b[k : k+int(l)]
		b = b[k+int(l):]
		return out, true
	}
	for i := uint64(0); i < n; i++ {
		key, ok := readBytes()
		if !ok || len(b) == 0 {
			return time.Time{}, nil, bad
		}
		t := b[0]
		b = b[1:]
		switch t {
		case 'i':
			v, k := binary.Varint(b)
			if k <= 0 {
				return time.Time{}, nil, bad
			}
			b = b[k:]
			values[string(key)] = v
		case 's':
			v, ok := readBytes()
			if !ok {
				return time.Time{}, nil, bad
			}
			values[string(key)] = string(v)
		case 'b':
			if len(b) == 0 {
				return time.Time{}, nil, bad
			}
			values[string(key)] = b[0] == 1
			b = b[1:]
		default:
			return time.Time{}, nil, bad
		}
	}
	return deadline, values, nil
}

// SessionAkun returns the account signed in to a session's data, or 0. The session
// store records it beside the data (store.Sessions).
func SessionAkun(data []byte) int64 {
	_, values, err := SessionCodec{}.Decode(data)
	if err != nil {
		return 0
	}
	id, _ := values[sessionAkunKey].(int64)
	return id
}
