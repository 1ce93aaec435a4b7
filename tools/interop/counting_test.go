package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	gop2p "github.com/bsv-blockchain/go-p2p"
)

func lines(t *testing.T, out *bytes.Buffer) []map[string]any {
	t.Helper()
	var parsed []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %s", line)
		}
		parsed = append(parsed, m)
	}
	return parsed
}

func TestCountingPrintsTheFirstDeliveryOfEachID(t *testing.T) {
	var out bytes.Buffer
	c := newCounting(&events{w: &out})
	before := unixMillis(time.Now())
	c.deliver("block", topicBlock, &gop2p.BlockMessage{Hash: "aa"}, "12D3KooWA")
	c.deliver("block", topicBlock, &gop2p.BlockMessage{Hash: "aa"}, "12D3KooWB") // another message, same block
	c.deliver("subtree", topicSubtree, &gop2p.SubtreeMessage{Hash: "aa"}, "12D3KooWA")

	got := lines(t, &out)
	if len(got) != 2 {
		t.Fatalf("%d lines, want 2: %v", len(got), got)
	}
	first := got[0]
	want := map[string]any{"type": "delivered", "topic": topicBlock, "kind": "block", "id": "aa", "from": "12D3KooWA"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	if ts, ok := first["t"].(float64); !ok || ts < before || ts > unixMillis(time.Now()) {
		t.Errorf("t %v is not the delivery time in unix ms", first["t"])
	}
	if len(first) != 6 {
		t.Errorf("delivered line has extra fields: %v", first)
	}
	if got[1]["kind"] != "subtree" || c.delivered.Load() != 2 {
		t.Errorf("second line %v, delivered %d", got[1], c.delivered.Load())
	}
}

func TestStatsLineOfTheBusProfile(t *testing.T) {
	c := newCounting(&events{w: &bytes.Buffer{}})
	c.tracer = newGossipTracer()
	c.tracer.AddPeer("a", "/meshsub/1.2.0")
	c.tracer.Graft("a", topicBlock)
	c.tracer.DuplicateMessage(nil)
	c.bytes.LogRecvMessage(300)
	c.bytes.LogSentMessage(120)
	c.deliver("block", topicBlock, &gop2p.BlockMessage{Hash: "aa"}, "a")

	var m map[string]any
	raw, _ := json.Marshal(c.stats(true))
	_ = json.Unmarshal(raw, &m)
	want := map[string]any{
		"type": "stats", "delivered": 1.0, "duplicates": 1.0, "bytesIn": 300.0, "bytesOut": 120.0,
		"peers": 1.0, "seen": 1.0, "final": true,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v (line %s)", k, m[k], v, raw)
		}
	}
	if mesh, _ := m["mesh"].(map[string]any); mesh[topicBlock] != 1.0 {
		t.Errorf("mesh %v", m["mesh"])
	}
}

func TestStatsLineWithoutATracerHasNullDuplicatesAndMesh(t *testing.T) {
	c := newCounting(&events{w: &bytes.Buffer{}})
	c.peers = func() int { return 4 }
	raw, _ := json.Marshal(c.stats(false))
	line := string(raw)
	for _, part := range []string{`"duplicates":null`, `"mesh":null`, `"peers":4`} {
		if !strings.Contains(line, part) {
			t.Errorf("%s lacks %s", line, part)
		}
	}
	if strings.Contains(line, "final") {
		t.Errorf("a periodic line is marked final: %s", line)
	}
}

func TestReportPrintsPeriodicLinesThenOneFinal(t *testing.T) {
	var out bytes.Buffer
	c := newCounting(&events{w: &out})
	finish := c.report(t.Context(), 20*time.Millisecond)
	time.Sleep(110 * time.Millisecond)
	finish()
	got := lines(t, &out)
	if len(got) < 3 {
		t.Fatalf("%d stats lines in 110 ms at 20 ms", len(got))
	}
	for i, line := range got {
		final, _ := line["final"].(bool)
		if line["type"] != "stats" || final != (i == len(got)-1) {
			t.Fatalf("line %d of %d: %v", i, len(got), line)
		}
	}
}
