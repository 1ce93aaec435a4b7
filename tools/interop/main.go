// Command interop-peer is a Go Teranode test peer built on Teranode's own p2p libraries. It
// joins a network, prints what it receives as JSON lines on stdout and publishes what the
// test asks for on stdin (commands.go).
//
//	interop-peer run -profile bus|legacy [flags]     a peer
//	interop-peer peer-id -profile bus|legacy -key H  the peer ID the library derives from a key
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

type peerNode interface {
	id() string
	addrs() []string
	publish(ctx context.Context, kind string, data []byte) error
	connect(ctx context.Context, addr string) error
	peers() []string
	close()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: interop-peer run|peer-id [flags]")
		os.Exit(64)
	}
	opts, err := parseOptions(os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(64)
	}
	out := &events{}
	switch os.Args[1] {
	case "peer-id":
		os.Exit(printPeerID(opts, out))
	case "run":
		os.Exit(run(opts, out))
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n", os.Args[1])
		os.Exit(64)
	}
}

func run(opts options, out *events) int {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if opts.cpuProfile != "" {
		stop, err := profileCPU(opts.cpuProfile)
		if err != nil {
			out.fail("cpu-profile", err)
			return 1
		}
		defer stop()
	}
	if opts.key == "" {
		key, err := generateKeyHex()
		if err != nil {
			out.fail("key", err)
			return 1
		}
		opts.key = key
	}
	var meter *counting
	if opts.count {
		meter = newCounting(out)
		reportHostBytes(meter.bytes) // before the library creates its host
	}
	var node peerNode
	var err error
	if opts.profile == "bus" {
		node, err = startBusPeer(ctx, opts, out, meter)
	} else {
		node, err = startLegacyPeer(ctx, opts, out, meter)
	}
	if err != nil {
		out.fail("start", err)
		return 1
	}
	defer node.close()
	out.emit("ready", map[string]any{"peerId": node.id(), "addrs": node.addrs(), "profile": opts.profile})
	if meter != nil {
		finish := meter.report(ctx, opts.statsInterval)
		defer finish() // runs before node.close: the final line counts the peers still connected
	}
	readCommands(ctx, cancel, node, opts, out)
	return 0
}

// profileCPU starts a pprof CPU profile into path; the returned function ends and writes it.
func profileCPU(path string) (stop func(), err error) {
	file, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(file); err != nil {
		file.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		file.Close()
	}, nil
}
