package main

import (
	"github.com/spf13/pflag"

	"github.com/eventgen/eventgen/cmd/internal/maxinput"
	"github.com/eventgen/eventgen/generator/spec"
)

// maxInputFlag adds --max-input to a command's flags. The returned function, called once the flags are
// parsed, makes it the loader's limit on each spec file.
func maxInputFlag(fs *pflag.FlagSet) (apply func()) {
	size := maxinput.Size(spec.DefaultMaxSize)
	fs.Var(&size, "max-input", "the largest spec file to read, e.g. 16MiB or 64M")
	return func() { spec.MaxSize = int64(size) }
}
