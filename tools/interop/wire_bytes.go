package main

import (
	"sync/atomic"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/metrics"
)

// wireBytes is libp2p's BandwidthCounter with exact running totals: the counter's own totals
// are flow meters refreshed once a second, too late for the stats line printed on quit.
// The swarm reports every read and write on every stream of the host (all protocols).
type wireBytes struct {
	*metrics.BandwidthCounter
	in, out atomic.Uint64
}

var _ metrics.Reporter = (*wireBytes)(nil)

func newWireBytes() *wireBytes { return &wireBytes{BandwidthCounter: metrics.NewBandwidthCounter()} }

func (w *wireBytes) LogSentMessage(size int64) {
	w.out.Add(uint64(size))
	w.BandwidthCounter.LogSentMessage(size)
}

func (w *wireBytes) LogRecvMessage(size int64) {
	w.in.Add(uint64(size))
	w.BandwidthCounter.LogRecvMessage(size)
}

// reportHostBytes makes every libp2p host this process creates without a reporter of its own
// report to w. Neither pinned library takes host options, but both build their host with
// libp2p.New, which appends the exported libp2p.FallbackDefaults; wrapping it adds the
// reporter the way libp2p.BandwidthReporter would.
func reportHostBytes(w *wireBytes) {
	fallback := libp2p.FallbackDefaults
	libp2p.FallbackDefaults = func(cfg *libp2p.Config) error {
		if cfg.Reporter == nil {
			if err := cfg.Apply(libp2p.BandwidthReporter(w)); err != nil {
				return err
			}
		}
		return fallback(cfg)
	}
}
