package rusage

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

func TestMain(m *testing.M) {
	Serve()
	os.Exit(m.Run())
}

// TestRunExcludesParent holds 256 MB in the test process, then measures a
// small child: its peak RSS must be the child's (a few megabytes), not the
// test's, which a plain exec.Cmd reports (see the package comment).
func TestRunExcludesParent(t *testing.T) {
	if testing.Short() {
		t.Skip("touches 256 MB")
	}
	hold := make([]byte, 256<<20)
	for i := range hold {
		hold[i] = byte(i)
	}
	plain := exec.Command("true")
	if err := plain.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	if ru, ok := plain.ProcessState.SysUsage().(*syscall.Rusage); ok {
		t.Logf("peak RSS of true by wait4 after a plain exec.Cmd: %d MB", ru.Maxrss>>10)
	}
	u, err := Run(exec.Command("true"))
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxRSS <= 0 || u.MaxRSS > 64<<20 {
		t.Errorf("peak RSS of true: %d MB, want a few", u.MaxRSS>>20)
	}
	if hold[len(hold)-1] == 0 && hold[1] == 0 {
		t.Log() // keep hold alive
	}
}

// TestRunExitStatus checks that the command's exit status comes through.
func TestRunExitStatus(t *testing.T) {
	_, err := Run(exec.Command("sh", "-c", "exit 3"))
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("err %v, want exit status 3", err)
	}
}

func TestBest(t *testing.T) {
	a := Usage{Wall: 3, CPU: 1, MaxRSS: 10}
	b := Usage{Wall: 2, CPU: 2, MaxRSS: 20}
	if got, want := Best(a, b), (Usage{Wall: 2, CPU: 1, MaxRSS: 20}); got != want {
		t.Errorf("Best = %+v, want %+v", got, want)
	}
	if got := Best(Usage{}, a); got != a {
		t.Errorf("Best of no run and a = %+v, want a", got)
	}
}
