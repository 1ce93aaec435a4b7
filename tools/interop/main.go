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
	if opts.key == "" {
		key, err := generateKeyHex()
		if err != nil {
			out.fail("key", err)
			return 1
		}
		opts.key = key
	}
	var node peerNode
	var err error
	if opts.profile == "bus" {
		node, err = startBusPeer(ctx, opts, out)
	} else {
		node, err = startLegacyPeer(ctx, opts, out)
	}
	if err != nil {
		out.fail("start", err)
		return 1
	}
	defer node.close()
	out.emit("ready", map[string]any{"peerId": node.id(), "addrs": node.addrs(), "profile": opts.profile})
	readCommands(ctx, cancel, node, opts, out)
	return 0
}
