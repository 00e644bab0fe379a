// Package maxinput is the --max-input flag of the commands: a byte size written as 64MiB, 16M, 512k
// or a plain number of bytes, and a reader that stops at it. Commands read files and standard input
// through it, so that an endless input (/dev/zero, a runaway pipe) fails fast with an error naming the
// input and the limit instead of exhausting memory.
package maxinput

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// Size is a byte count that implements pflag.Value.
type Size int64

// units maps the accepted suffixes (lower-cased) to their factors; k, M and G are binary, as the
// IEC forms are.
var units = []struct {
	suffix string
	factor int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// Set parses a size: a whole number, optionally followed by a unit (B, k/KiB, M/MiB, G/GiB).
func (s *Size) Set(text string) error {
	t := strings.ToLower(strings.TrimSpace(text))
	factor := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, factor = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/factor {
		return fmt.Errorf("invalid size %q: want a positive number of bytes, e.g. 64MiB, 512k or 1048576", text)
	}
	*s = Size(n * factor)
	return nil
}

// String writes the size as Format does.
func (s *Size) String() string { return Format(int64(*s)) }

// Type names the flag's value in usage text.
func (s *Size) Type() string { return "size" }

// Format writes a byte count the way limits are given: "64 MiB", "512 KiB", or bytes.
func Format(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// TooLargeError reports an input larger than the limit.
type TooLargeError struct {
	Name  string // the input, as the user named it ("standard input" for -)
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %s, the limit on an input (raise it with --max-input)", e.Name, Format(e.Limit))
}

// ReadAll reads r to its end, or fails with a *TooLargeError after limit+1 bytes.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// ReadFile reads the file at path as ReadAll does.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path, limit)
}
