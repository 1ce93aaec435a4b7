package main

import (
	"flag"
	"fmt"
	"net"
	"strings"
	"time"
)

// options are the test peer's command-line flags; Teranode's setting names in brackets.
type options struct {
	profile       string // "bus" (go-p2p-message-bus v0.0.7, Teranode v0.11) or "legacy" (go-p2p v1.2.4)
	key           string // [p2p_private_key] hex, 64 or 96 bytes; empty → generated
	port          int    // [p2p_port]
	listen        string // [p2p_listen_addresses] legacy only
	network       string // [network]
	name          string // [clientName] envelope name
	connect       list   // bus: [p2p_relay_peers] (dialled once at start); legacy: [p2p_static_peers]
	announce      list   // [p2p_advertise_addresses] host:port; empty → 127.0.0.1:port (bus), -listen (legacy)
	mdns          bool   // bus: mDNS discovery (Teranode always runs it)
	bootstrap     list   // legacy: [p2p_bootstrapAddresses]
	sharedKey     string // legacy: [p2p_shared_key]
	privateDHT    bool   // legacy: [p2p_dht_use_private]
	dhtProtocolID string // legacy: [p2p_dht_protocol_id]
	bestHeight    uint   // legacy: height sent in version messages
	userAgent     string // legacy: user agent sent in version messages
	dataHubURL    string // DataHub URL sent in version messages
	nodeStatus    string // node_status shape published and decoded: "current" or "v0.11"
	debug         bool
	count         bool          // counting mode: delivered and stats lines instead of message lines
	statsInterval time.Duration // counting mode: period of the stats line
	cpuProfile    string        // pprof CPU profile written on quit
}

// logger is the library logger the flags ask for.
func (o options) logger() stderrLogger { return stderrLogger{debug: o.debug, quiet: o.count} }

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func parseOptions(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("interop-peer", flag.ContinueOnError)
	fs.StringVar(&o.profile, "profile", "bus", "bus (go-p2p-message-bus v0.0.7) or legacy (go-p2p v1.2.4)")
	fs.StringVar(&o.key, "key", "", "Ed25519 key in Teranode's hex form (64 or 96 bytes); empty generates one")
	fs.IntVar(&o.port, "port", 0, "TCP port to listen on")
	fs.StringVar(&o.listen, "listen", "127.0.0.1", "IPv4 address to listen on (legacy)")
	fs.StringVar(&o.network, "network", "regtest", "Teranode network: topic prefix teranode/bitcoin/1.0.0/<network>")
	fs.StringVar(&o.name, "name", "go-interop", "client name")
	fs.Var(&o.connect, "connect", "full multiaddr of a peer to dial (repeatable)")
	fs.Var(&o.announce, "announce", "host:port to advertise instead of the listen address (repeatable)")
	fs.BoolVar(&o.mdns, "mdns", true, "bus: mDNS discovery of peers on the same network, as Teranode runs it")
	fs.Var(&o.bootstrap, "bootstrap", "legacy private-DHT bootstrap multiaddr (repeatable)")
	fs.StringVar(&o.sharedKey, "shared-key", "", "legacy private-network key (64 hex)")
	fs.BoolVar(&o.privateDHT, "private-dht", false, "legacy: private network and private DHT")
	fs.StringVar(&o.dhtProtocolID, "dht-protocol-id", "/teranode", "legacy private DHT protocol prefix")
	fs.UintVar(&o.bestHeight, "best-height", 0, "bestHeight in version messages (legacy)")
	fs.StringVar(&o.userAgent, "user-agent", "teranode/bitcoin/v0.10.0", "userAgent in version messages (legacy)")
	fs.StringVar(&o.dataHubURL, "data-hub-url", "", "dataHubURL in version messages (legacy)")
	fs.StringVar(&o.nodeStatus, "node-status", nodeStatusCurrent, "node_status shape: current (Teranode ad41218) or v0.11")
	fs.BoolVar(&o.debug, "debug", false, "library debug logs on stderr")
	fs.BoolVar(&o.count, "count", false, "counting mode: one delivered line per first delivery, stats lines, no payloads")
	fs.DurationVar(&o.statsInterval, "stats-interval", time.Second, "counting mode: how often to print the stats line")
	fs.StringVar(&o.cpuProfile, "cpu-profile", "", "write a pprof CPU profile to this file on quit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.profile != "bus" && o.profile != "legacy" {
		return o, fmt.Errorf("-profile must be bus or legacy, not %q", o.profile)
	}
	if o.nodeStatus != nodeStatusCurrent && o.nodeStatus != nodeStatusV011 {
		return o, fmt.Errorf("-node-status must be %s or %s, not %q", nodeStatusCurrent, nodeStatusV011, o.nodeStatus)
	}
	if !o.mdns && o.profile != "bus" {
		return o, fmt.Errorf("-mdns applies to the bus profile only (go-p2p v1.2.4 runs no mDNS)")
	}
	for _, addr := range o.announce {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return o, fmt.Errorf("-announce %q: want host:port: %w", addr, err)
		}
	}
	if o.statsInterval <= 0 {
		return o, fmt.Errorf("-stats-interval must be positive, not %s", o.statsInterval)
	}
	return o, nil
}

func (o options) topicPrefix() string { return "teranode/bitcoin/1.0.0/" + o.network }

// topics maps message kinds to full topic names, with Teranode settings.conf's names.
func (o options) topics() map[string]string {
	names := map[string]string{
		"block":       "block",
		"subtree":     "subtree",
		"rejected_tx": "rejected_tx",
		"node_status": "node_status",
	}
	if o.profile == "legacy" {
		names["handshake"] = "handshake"
		names["mining_on"] = "miningon"
	}
	topics := make(map[string]string, len(names))
	for kind, name := range names {
		topics[kind] = o.topicPrefix() + "-" + name
	}
	return topics
}
