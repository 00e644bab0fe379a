package wire

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// This file connects generated types to the standard library: the UnmarshalJSON methods that
// encoding/json calls reuse the generated readers through Unmarshal, and the Format methods that fmt
// calls print only what a consumer can see (FormatStruct).

// Unmarshal reads data, one whole JSON document, with read: the reader
// the generated decoder uses for values of type T. It is how generated
// UnmarshalJSON methods decode, so encoding/json gets exactly what Decode
// gives, unknown members kept. The error is a *DecodeError: for input that
// is not JSON (with the offset and JSON pointer of the fault), or for a
// value of the wrong kind ("expected string, got number").
func Unmarshal[T any](data []byte, read func(*Decoder) (T, string)) (T, error) {
	var d Decoder
	d.Reset(string(data))
	v, problem := read(&d)
	d.End()
	if d.Failed() {
		var zero T
		return zero, d.Error("")
	}
	if problem != "" {
		var zero T
		return zero, &DecodeError{Offset: -1, Msg: problem}
	}
	return v, nil
}

// ReadRaw consumes one value and returns its text verbatim: the reader of
// raw JSON members.
func ReadRaw(d *Decoder) (json.RawMessage, string) {
	return json.RawMessage(d.Skip()), ""
}

// Verbatim returns a copy of data without the whitespace around it: what
// an UnmarshalJSON method keeps of a value it holds verbatim.
func Verbatim(data []byte) json.RawMessage {
	return json.RawMessage(append([]byte(nil), trimSpace(data)...))
}

// trimSpace returns data without JSON whitespace at either end.
func trimSpace(data []byte) []byte {
	for len(data) > 0 && isSpace(data[0]) {
		data = data[1:]
	}
	for len(data) > 0 && isSpace(data[len(data)-1]) {
		data = data[:len(data)-1]
	}
	return data
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// marshalValue writes v as Opt.MarshalJSON does.
func marshalValue(v any) ([]byte, error) {
	var e Encoder
	switch x := v.(type) {
	case json.RawMessage:
		e.RawBytes(x)
	case json.Marshaler:
		return x.MarshalJSON()
	case string:
		e.String(x)
	case int64:
		e.Int(x)
	case bool:
		e.Bool(x)
	case float64:
		e.Float(x)
	case json.Number:
		e.Number(x)
	default:
		return json.Marshal(v)
	}
	return e.Buf, nil
}

// unmarshalValue reads data into *p as Opt.UnmarshalJSON does.
func unmarshalValue(data []byte, p any) error {
	var err error
	switch x := p.(type) {
	case *json.RawMessage:
		*x, err = Unmarshal(data, ReadRaw)
		if err == nil {
			*x = append(json.RawMessage(nil), *x...) // not a view of data, which the caller may reuse
		}
	case json.Unmarshaler:
		return x.UnmarshalJSON(data)
	case *string:
		*x, err = Unmarshal(data, (*Decoder).ReadString)
	case *int64:
		*x, err = Unmarshal(data, (*Decoder).ReadInt)
	case *bool:
		*x, err = Unmarshal(data, (*Decoder).ReadBool)
	case *float64:
		*x, err = Unmarshal(data, (*Decoder).ReadFloat)
	case *json.Number:
		*x, err = Unmarshal(data, (*Decoder).ReadNumber)
	default:
		return json.Unmarshal(data, p)
	}
	return err
}

// FormatStruct prints v, a struct or a pointer to one, for the fmt
// package as fmt prints structs, but with the exported fields only: the
// bookkeeping that makes decoding lossless (members kept verbatim,
// presence bits) is left out. Raw JSON is printed as text, not as bytes,
// except with %#v. Generated types call it from their Format methods, so
// that fmt.Printf("%+v", ev) shows {ID:7371450 TenantID:62 Channel:Phone ...}.
func FormatStruct(f fmt.State, verb rune, v any) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			io.WriteString(f, "<nil>")
			return
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		fmt.Fprintf(f, fmt.FormatString(f, verb), rv.Interface())
		return
	}
	sharp := verb == 'v' && f.Flag('#')
	names := sharp || (verb == 'v' && f.Flag('+'))
	sep := " "
	if sharp {
		io.WriteString(f, rv.Type().String())
		sep = ", "
	}
	io.WriteString(f, "{")
	format := fmt.FormatString(f, verb)
	first := true
	for i := range rv.NumField() {
		sf := rv.Type().Field(i)
		if !sf.IsExported() {
			continue
		}
		if !first {
			io.WriteString(f, sep)
		}
		first = false
		if names {
			io.WriteString(f, sf.Name+":")
		}
		fv := rv.Field(i).Interface()
		if raw, ok := fv.(json.RawMessage); ok && !sharp {
			f.Write(raw)
			continue
		}
		fmt.Fprintf(f, format, fv)
	}
	io.WriteString(f, "}")
}
