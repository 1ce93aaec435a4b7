package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// countedHost creates a real host on 127.0.0.1 with libp2p.New, as the libraries do, after
// hooking the fallback defaults to a fresh counter.
func countedHost(t *testing.T) (host.Host, *wireBytes) {
	t.Helper()
	saved := libp2p.FallbackDefaults
	defer func() { libp2p.FallbackDefaults = saved }()
	counted := newWireBytes()
	reportHostBytes(counted)
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, counted
}

// The hook counts what one host writes on a stream and the other reads.
func TestHostsCreatedByLibp2pNewReportTheirStreamBytes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sender, sent := countedHost(t)
	receiver, got := countedHost(t)

	const size = 50_000
	received := make(chan int, 1)
	receiver.SetStreamHandler("/interop-test/1.0.0", func(s network.Stream) {
		n, _ := io.Copy(io.Discard, s)
		received <- int(n)
	})
	if err := sender.Connect(ctx, peer.AddrInfo{ID: receiver.ID(), Addrs: receiver.Addrs()}); err != nil {
		t.Fatal(err)
	}
	s, err := sender.NewStream(ctx, receiver.ID(), "/interop-test/1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(make([]byte, size)); err != nil {
		t.Fatal(err)
	}
	s.CloseWrite()
	select {
	case n := <-received:
		if n != size {
			t.Fatalf("receiver read %d bytes, want %d", n, size)
		}
	case <-ctx.Done():
		t.Fatal("stream not received")
	}
	// Identify and multistream add a little in both directions; the payload dominates.
	if out := sent.out.Load(); out < size || out > size+10_000 {
		t.Errorf("sender bytesOut %d, want about %d", out, size)
	}
	if in := got.in.Load(); in < size || in > size+10_000 {
		t.Errorf("receiver bytesIn %d, want about %d", in, size)
	}
}
