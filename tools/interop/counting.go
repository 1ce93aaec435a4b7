package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// firstDeliveryLimit bounds the ids remembered for first-delivery counting (≈ 15 minutes at
// 200 messages a second); "seen" in the stats line is its current size.
const firstDeliveryLimit = 200_000

// deliveredLine is printed once per first delivery of an id in counting mode (-count).
type deliveredLine struct {
	Type  string  `json:"type"`
	Topic string  `json:"topic"`
	Kind  string  `json:"kind"`
	ID    string  `json:"id"`
	From  string  `json:"from"`
	T     float64 `json:"t"`
}

// statsLine is printed every -stats-interval and once more, with final set, on quit.
// Duplicates and mesh are null where the profile cannot observe them (README.md).
type statsLine struct {
	Type       string         `json:"type"`
	T          float64        `json:"t"`
	Delivered  uint64         `json:"delivered"`
	Duplicates *uint64        `json:"duplicates"`
	BytesIn    uint64         `json:"bytesIn"`
	BytesOut   uint64         `json:"bytesOut"`
	Peers      int            `json:"peers"`
	Mesh       map[string]int `json:"mesh"`
	Seen       int            `json:"seen"`
	Final      bool           `json:"final,omitempty"`
}

// counting is the peer's counting mode: compact delivery lines and periodic totals.
type counting struct {
	out       *events
	first     *firstDeliveries
	delivered atomic.Uint64
	bytes     *wireBytes
	tracer    *gossipTracer // nil when the profile's library takes no pubsub options
	peers     func() int    // used when tracer is nil
}

func newCounting(out *events) *counting {
	return &counting{out: out, first: newFirstDeliveries(firstDeliveryLimit), bytes: newWireBytes()}
}

// deliver prints the first delivery of the payload's id and ignores later ones.
func (c *counting) deliver(kind, topic string, payload any, from string) {
	id := messageID(payload)
	if !c.first.add(kind + "/" + id) {
		return
	}
	c.delivered.Add(1)
	c.out.line(deliveredLine{Type: "delivered", Topic: topic, Kind: kind, ID: id, From: from, T: unixMillis(time.Now())})
}

func (c *counting) stats(final bool) statsLine {
	line := statsLine{
		Type:      "stats",
		T:         unixMillis(time.Now()),
		Delivered: c.delivered.Load(),
		BytesIn:   c.bytes.in.Load(),
		BytesOut:  c.bytes.out.Load(),
		Seen:      c.first.size(),
		Final:     final,
	}
	if c.tracer != nil {
		duplicates := c.tracer.duplicates.Load()
		line.Duplicates = &duplicates
		line.Peers, line.Mesh = c.tracer.snapshot()
	} else if c.peers != nil {
		line.Peers = c.peers()
	}
	return line
}

// report prints a stats line every interval until ctx ends; the returned function stops it,
// waits for it and prints the final line.
func (c *counting) report(ctx context.Context, interval time.Duration) (finish func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				c.out.line(c.stats(false))
			}
		}
	}()
	return func() {
		cancel()
		wg.Wait()
		c.out.line(c.stats(true))
	}
}

// unixMillis is a Unix time in milliseconds with sub-millisecond digits.
func unixMillis(t time.Time) float64 { return float64(t.UnixNano()) / 1e6 }
