package maxinput

import (
	"errors"
	"strings"
	"testing"
)

func TestSizeSet(t *testing.T) {
	for in, want := range map[string]int64{
		"1": 1, "512k": 512 << 10, "64MiB": 64 << 20, "16M": 16 << 20, "1G": 1 << 30, "2 GiB": 2 << 30, "100B": 100, "8kb": 8 << 10,
	} {
		var s Size
		if err := s.Set(in); err != nil || int64(s) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, s, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "lots", "1T", "9999999999G", "1.5M"} {
		var s Size
		if err := s.Set(in); err == nil {
			t.Errorf("Set(%q) = %d, want an error", in, s)
		}
	}
}

func TestReadAll(t *testing.T) {
	if data, err := ReadAll(strings.NewReader("abcd"), "in", 4); err != nil || string(data) != "abcd" {
		t.Errorf("ReadAll(4 bytes, limit 4) = %q, %v", data, err)
	}
	_, err := ReadAll(strings.NewReader("abcde"), "in", 4)
	var tl *TooLargeError
	if !errors.As(err, &tl) || err.Error() != "in: larger than 4 bytes, the limit on an input (raise it with --max-input)" {
		t.Errorf("ReadAll(5 bytes, limit 4) error = %v", err)
	}
}
