// Command benchscale measures how generation scales with the size of a catalogue: for synthetic specs of
// 250, 1,000 and 4,000 events (scalespec) it runs `eventgen generate` in a fresh module, and reports
// the wall time and peak memory (the maximum resident set of the process, getrusage) of the run, and the
// files and bytes it wrote. It then builds the largest generated package with `go build` and reports the
// same for the build (peak memory of the go command and the compiler it runs), and the same for
// compiling its tests (`go test -c`, which includes the generated tests).
//
//	go run ./generator/internal/cmd/benchscale [-events 250,1000,4000] [-keep DIR]
//
// It prints a Markdown table (make bench-scale; the results are in BENCHMARKS.md).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/eventgen/eventgen/generator/internal/scalespec"
)

func main() {
	events := flag.String("events", "250,1000,4000", "the sizes of the synthetic specs, comma-separated")
	keep := flag.String("keep", "", "work in this directory and keep it (default: a temporary directory, removed)")
	build := flag.Bool("build", true, "build, vet and compile the tests of the largest generated package")
	flag.Parse()
	if err := run(*events, *keep, *build); err != nil {
		fmt.Fprintln(os.Stderr, "benchscale:", err)
		os.Exit(1)
	}
}

// measured is what one child process cost.
type measured struct {
	wall   time.Duration
	cpu    time.Duration // user and system time of the process and the children it waited for
	maxRSS int64         // bytes
}

func run(sizes, keep string, build bool) error {
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-events: %q is not a positive number", s)
		}
		ns = append(ns, n)
	}
	repo, err := repoRoot()
	if err != nil {
		return err
	}
	work := keep
	if work == "" {
		if work, err = os.MkdirTemp("", "benchscale"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	eventgen := filepath.Join(work, "eventgen")
	if _, err := command(repo, "go", "build", "-o", eventgen, "./cmd/eventgen"); err != nil {
		return err
	}
	fmt.Println("| events | generate (wall) | generate (CPU) | peak memory | files written | bytes written | files besides the samples |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")
	var last string
	for _, n := range ns {
		mod, err := module(work, repo, n)
		if err != nil {
			return err
		}
		m, err := command(mod, eventgen, "generate", "--out", "gen", "spec")
		if err != nil {
			return err
		}
		files, size, samples, err := count(filepath.Join(mod, "gen"))
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %.1f s | %.1f s | %d MB | %s | %.1f MB | %s |\n", thousands(int64(n)), m.wall.Seconds(), m.cpu.Seconds(), m.maxRSS>>20,
			thousands(int64(files)), float64(size)/1e6, thousands(int64(files-samples)))
		last = mod
	}
	if !build || last == "" {
		return nil
	}
	fmt.Println()
	fmt.Println("| the largest package | wall | CPU | peak memory |")
	fmt.Println("|---|---:|---:|---:|")
	env := []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}
	// The runtime packages are compiled first, so that the figures are the generated package's own.
	if _, err := commandEnv(last, env, "go", "build", "github.com/eventgen/eventgen/generated/wire", "github.com/eventgen/eventgen/generated/webhook"); err != nil {
		return err
	}
	for _, c := range []struct {
		label string
		args  []string
	}{
		{"`go build`", []string{"go", "build", "./gen/scale"}},
		{"`go vet`", []string{"go", "vet", "./gen/scale"}},
		{"`go test -c` (the generated tests)", []string{"go", "test", "-c", "-o", os.DevNull, "./gen/scale"}},
	} {
		m, err := commandEnv(last, env, c.args...)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %.1f s | %.1f s | %d MB |\n", c.label, m.wall.Seconds(), m.cpu.Seconds(), m.maxRSS>>20)
	}
	return nil
}

// module writes a module with the synthetic spec of n events under dir/<n>: go.mod requires eventgen
// (replaced by the repository) so that the generated package builds there.
func module(dir, repo string, n int) (string, error) {
	mod := filepath.Join(dir, strconv.Itoa(n))
	if err := os.RemoveAll(mod); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(mod, "spec"), 0o755); err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		return "", err
	}
	gomod := fmt.Sprintf("module example.com/scale\n\ngo 1.26\n\nrequire github.com/eventgen/eventgen v0.0.0\n\nreplace github.com/eventgen/eventgen => %s\n", repo)
	for name, data := range map[string][]byte{
		"go.mod":          []byte(gomod),
		"go.sum":          sum,
		"spec/scale.yaml": scalespec.Spec("scale", n),
	} {
		if err := os.WriteFile(filepath.Join(mod, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return mod, nil
}

// count returns the number of files and bytes under dir, and how many of the files are vendor samples
// (under testdata/examples).
func count(dir string) (files int, size int64, samples int, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		if strings.Contains(filepath.ToSlash(path), "/testdata/examples/") {
			samples++
		}
		return nil
	})
	return files, size, samples, err
}

func command(dir string, args ...string) (measured, error) { return commandEnv(dir, nil, args...) }

// commandEnv runs a program in dir and measures it: the wall time, and the maximum resident set of
// the process and of the children it waited for (wait4's rusage).
func commandEnv(dir string, env []string, args ...string) (measured, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measured{}, fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, tail(out.String()))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return measured{}, errors.New("no rusage on this system")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return measured{wall: wall, cpu: cpu, maxRSS: ru.Maxrss << 10}, nil // Linux reports kilobytes
}

// repoRoot is the directory of eventgen's go.mod.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run benchscale inside eventgen's module")
	}
	return filepath.Dir(gomod), nil
}

func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}

// thousands writes n with a comma every three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
