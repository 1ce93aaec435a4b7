// Command interop-msgbus is a Teranode 2026 peer for the address exchange interop tests: the
// message bus of today's Teranode (go-p2p-message-bus v0.1.x, with p2p_dht_mode, peer
// exchange and /p2p-msg-bus/peer-addr-request/1.0.0), subscribed to one topic. It prints JSON
// lines on stdout: `ready` with its peer ID, then `peers` with the IDs of the topic peers it
// is connected to, every second until -seconds have passed. -bootstrap is required: without it the library dials
// the public IPFS bootstrap peers, and the tests stay on 127.0.0.1.
//
//	interop-msgbus -port 9905 -topic <topic> -bootstrap <multiaddr> [-dht-mode off] [-seconds 60]
package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	msgbus "github.com/bsv-blockchain/go-p2p-message-bus"
	"github.com/libp2p/go-libp2p/core/crypto"
)

func main() {
	port := flag.Int("port", 0, "TCP port to listen on (all interfaces)")
	topic := flag.String("topic", "", "gossipsub topic to join")
	bootstrap := flag.String("bootstrap", "", "bootstrap peer multiaddr (with /p2p/<id>), required")
	dhtMode := flag.String("dht-mode", "off", "server, client or off")
	seconds := flag.Int("seconds", 60, "how long to run")
	flag.Parse()
	if *port == 0 || *topic == "" || *bootstrap == "" {
		fmt.Fprintln(os.Stderr, "usage: interop-msgbus -port N -topic T -bootstrap ADDR [-dht-mode off] [-seconds 60]")
		os.Exit(64)
	}
	if err := run(*port, *topic, *bootstrap, *dhtMode, time.Duration(*seconds)*time.Second); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(port int, topic, bootstrap, dhtMode string, duration time.Duration) error {
	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		return err
	}
	config := msgbus.Config{
		Name:            fmt.Sprintf("interop-msgbus-%d", port),
		PrivateKey:      key,
		Port:            port,
		DHTMode:         dhtMode,
		AllowPrivateIPs: true,
		BootstrapPeers:  []string{bootstrap},
	}
	client, err := msgbus.NewClient(config)
	if err != nil {
		return err
	}
	defer func() { _ = client.Close() }()
	messages := client.Subscribe(topic)
	go func() {
		for range messages { // drained: the tests look at connections, not payloads
		}
	}()
	emit(map[string]any{"event": "ready", "peerId": client.GetID()})
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			ids := []string{}
			// GetPeers lists every topic peer heard of; only the connected ones have addresses.
			for _, peer := range client.GetPeers() {
				if len(peer.Addrs) > 0 {
					ids = append(ids, peer.ID)
				}
			}
			sort.Strings(ids)
			emit(map[string]any{"event": "peers", "peers": ids})
		}
	}
}

func emit(event map[string]any) {
	line, _ := json.Marshal(event)
	fmt.Println(string(line))
}
