//go:build unix

package webhook_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used. On a busy machine the wall
// time of a benchmark depends on how often the scheduler lets it run; its CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
