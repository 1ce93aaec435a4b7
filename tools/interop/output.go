package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
)

// events writes one JSON object per line on stdout (w, when set): the test reads them as
// they come.
type events struct {
	mu sync.Mutex
	w  io.Writer
}

func (e *events) print(bytes []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	w := e.w
	if w == nil {
		w = os.Stdout
	}
	fmt.Fprintln(w, string(bytes))
}

func (e *events) emit(kind string, fields map[string]any) {
	line := map[string]any{"event": kind}
	for k, v := range fields {
		line[k] = v
	}
	bytes, err := json.Marshal(line)
	if err != nil {
		bytes, _ = json.Marshal(map[string]any{"event": "error", "error": err.Error()})
	}
	e.print(bytes)
}

// line prints v, a struct with its own "type" field (counting.go), as one JSON line.
func (e *events) line(v any) {
	bytes, err := json.Marshal(v)
	if err != nil {
		e.fail("output", err)
		return
	}
	e.print(bytes)
}

func (e *events) fail(context string, err error) {
	e.emit("error", map[string]any{"context": context, "error": err.Error()})
}

// stderrLogger satisfies both libraries' logger interfaces; library logs go to stderr. quiet
// (counting mode) keeps warnings and errors only.
type stderrLogger struct{ debug, quiet bool }

func (l stderrLogger) Debugf(format string, v ...any) {
	if l.debug {
		fmt.Fprintf(os.Stderr, "[DEBUG] "+format+"\n", v...)
	}
}
func (l stderrLogger) Infof(format string, v ...any) {
	if l.quiet {
		return
	}
	fmt.Fprintf(os.Stderr, "[INFO] "+format+"\n", v...)
}
func (l stderrLogger) Warnf(format string, v ...any) {
	fmt.Fprintf(os.Stderr, "[WARN] "+format+"\n", v...)
}
func (l stderrLogger) Errorf(format string, v ...any) {
	fmt.Fprintf(os.Stderr, "[ERROR] "+format+"\n", v...)
}
func (l stderrLogger) Fatalf(format string, v ...any) {
	fmt.Fprintf(os.Stderr, "[FATAL] "+format+"\n", v...)
	os.Exit(1)
}
