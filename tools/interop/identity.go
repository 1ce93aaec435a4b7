package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	gop2p "github.com/bsv-blockchain/go-p2p"
	msgbus "github.com/bsv-blockchain/go-p2p-message-bus"
	"github.com/libp2p/go-libp2p/core/crypto"
)

// generateKeyHex makes a key in Teranode's hex form (seed ‖ public key, 64 bytes).
func generateKeyHex() (string, error) {
	key, _, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		return "", err
	}
	raw, err := key.Raw()
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(raw), nil
}

// busKey decodes a key as Teranode v0.11 does before handing it to the message bus.
func busKey(keyHex string) (crypto.PrivKey, error) {
	raw, err := hex.DecodeString(keyHex)
	if err != nil {
		return nil, fmt.Errorf("failed to decode key: %w", err)
	}
	key, err := crypto.UnmarshalEd25519PrivateKey(raw)
	if err != nil {
		return nil, fmt.Errorf("failed to unmarshal key: %w", err)
	}
	return key, nil
}

// printPeerID starts the profile's library node with the key and prints the peer ID it
// reports, so the comparison is against the library's own key handling.
func printPeerID(opts options, out *events) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var id string
	if opts.profile == "bus" {
		key, err := busKey(opts.key)
		if err != nil {
			out.fail("key", err)
			return 1
		}
		client, err := msgbus.NewClient(msgbus.Config{Name: opts.name, PrivateKey: key, Logger: stderrLogger{}})
		if err != nil {
			out.fail("key", err)
			return 1
		}
		id = client.GetID()
		_ = client.Close()
	} else {
		node, err := gop2p.NewNode(ctx, stderrLogger{}, gop2p.Config{
			ProcessName:     "peer",
			PrivateKey:      opts.key,
			ListenAddresses: []string{"127.0.0.1"},
			// A private network keeps the library from looking up a public address.
			UsePrivateDHT: true,
			SharedKey:     "285b49e6d910726a70f205086c39cbac6d8dcc47839053a21b1f614773bbc137",
		})
		if err != nil {
			out.fail("key", err)
			return 1
		}
		id = node.HostID().String()
		_ = node.Stop(ctx)
	}
	out.emit("peer-id", map[string]any{"peerId": id})
	return 0
}
